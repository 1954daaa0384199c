package io.zsentinel.collector.space;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;

/**
 * The free-bytes samples of one pool over the forecast window, bounded: the window is cut into
 * {@code maxSamples} buckets and a bucket keeps only its newest sample, so a pool reporting every
 * few seconds costs the same as one reporting every half hour. Immutable: {@link #add} makes the next
 * series (a copy of at most {@code maxSamples} times), and the arrays are never written once it is made.
 * Public fields for the state-store JSON.
 */
public final class UsageSeries {
    public static final UsageSeries EMPTY = new UsageSeries(new long[0], new long[0], 0);

    public final long[] times;
    public final long[] free;
    /** When the oldest sample still represented was taken (a bucket keeps only its newest time). */
    public final long sinceMs;

    @JsonCreator
    UsageSeries(
            @JsonProperty("times") long[] times,
            @JsonProperty("free") long[] free,
            @JsonProperty("sinceMs") long sinceMs) {
        this.times = times == null ? new long[0] : times;
        this.free = free == null ? new long[0] : free;
        this.sinceMs = sinceMs;
    }

    public int size() {
        return times.length;
    }

    /**
     * This series with a sample taken at {@code timeMs}; a sample older than the newest one is ignored
     * (the series is append-only: this series is returned), and samples that left the window are dropped.
     */
    public UsageSeries add(long timeMs, long freeBytes, long windowMs, int maxSamples) {
        int n = times.length;
        long bucketMs = Math.max(1, windowMs / Math.max(1, maxSamples));
        if (n > 0 && timeMs < times[n - 1]) {
            return this;
        }
        long since = n == 0 ? timeMs : sinceMs;
        boolean sameBucket = n > 0 && Math.floorDiv(timeMs, bucketMs) == Math.floorDiv(times[n - 1], bucketMs);
        int last = sameBucket ? n - 1 : n;
        long oldest = timeMs - windowMs;
        int first = 0;
        while (first < last && times[first] < oldest) {
            first++;
        }
        if (first > 0) {
            since = Math.max(since, oldest);
        }
        long[] nextTimes = Arrays.copyOfRange(times, first, last + 1);
        long[] nextFree = Arrays.copyOfRange(free, first, last + 1);
        nextTimes[last - first] = timeMs;
        nextFree[last - first] = freeBytes;
        return new UsageSeries(nextTimes, nextFree, since);
    }
}
