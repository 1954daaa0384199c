package io.zsentinel.collector.space;

import java.util.Arrays;

/**
 * The free-bytes samples of one pool over the forecast window, bounded: the window is cut into
 * {@code maxSamples} buckets and a bucket keeps only its newest sample, so a pool reporting every
 * few seconds costs the same as one reporting every half hour. Mutable; owned by the pool's state.
 * Public fields for the state-store JSON.
 */
public final class UsageSeries {
    public long[] times = new long[0];
    public long[] free = new long[0];
    /** When the oldest sample still represented was taken (a bucket keeps only its newest time). */
    public long sinceMs;

    public int size() {
        return times.length;
    }

    /**
     * Adds a sample taken at {@code timeMs}; samples older than the newest one are ignored (the
     * series is append-only), and samples that left the window are dropped.
     */
    public void add(long timeMs, long freeBytes, long windowMs, int maxSamples) {
        int n = times.length;
        long bucketMs = Math.max(1, windowMs / Math.max(1, maxSamples));
        if (n > 0 && timeMs < times[n - 1]) {
            return;
        }
        if (n == 0) {
            sinceMs = timeMs;
        }
        if (n > 0 && Math.floorDiv(timeMs, bucketMs) == Math.floorDiv(times[n - 1], bucketMs)) {
            times[n - 1] = timeMs;
            free[n - 1] = freeBytes;
        } else {
            times = Arrays.copyOf(times, n + 1);
            free = Arrays.copyOf(free, n + 1);
            times[n] = timeMs;
            free[n] = freeBytes;
        }
        int first = 0;
        long oldest = timeMs - windowMs;
        while (first < times.length && times[first] < oldest) {
            first++;
        }
        if (first > 0) {
            times = Arrays.copyOfRange(times, first, times.length);
            free = Arrays.copyOfRange(free, first, free.length);
            sinceMs = Math.max(sinceMs, oldest);
        }
    }
}
