package io.zsentinel.collector.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A job's effective RPO over a period, from its sync points. Pure.
 *
 * <p>After a sync observed at {@code t} whose newest replicated snapshot was taken at {@code s},
 * the RPO at any later time {@code x} is {@code x - s}, until the next sync: a sawtooth. Over a
 * period each tooth is a segment on which the RPO rises linearly, so the maximum, the time above
 * the target and the time-weighted percentiles are exact, not sampled. Time before the first
 * known sync point (none before the period, none yet in it) has no RPO: it is {@link #uncovered}.
 */
public final class RpoTimeline {
    /** A sync: observed at {@code observedMs}, replicating data as of {@code syncPointMs}. */
    public record Sync(long observedMs, long syncPointMs) {}

    /** One tooth inside the period: from {@code fromMs} to {@code toMs}, data as of {@code syncPointMs}. */
    public record Segment(long fromMs, long toMs, long syncPointMs) {
        long rpoAtStartMs() {
            return fromMs - syncPointMs;
        }

        long rpoAtEndMs() {
            return toMs - syncPointMs;
        }

        /** How long within this segment the RPO is above {@code valueMs}. */
        long timeAboveMs(long valueMs) {
            return Math.max(0, toMs - Math.max(fromMs, syncPointMs + valueMs));
        }
    }

    private final List<Segment> segments;
    private final long fromMs;
    private final long toMs;

    private RpoTimeline(List<Segment> segments, long fromMs, long toMs) {
        this.segments = List.copyOf(segments);
        this.fromMs = fromMs;
        this.toMs = toMs;
    }

    /**
     * @param syncs in the order observed; those before {@code fromMs} give the RPO at its start
     *     (only the last of them counts), those after {@code toMs} are ignored
     */
    public static RpoTimeline of(List<Sync> syncs, long fromMs, long toMs) {
        if (toMs <= fromMs) {
            throw new IllegalArgumentException("the period must end after it begins");
        }
        List<Segment> segments = new ArrayList<>();
        Sync current = null;
        for (Sync s : syncs) {
            if (s.observedMs() > toMs) {
                break;
            }
            if (current != null && s.observedMs() > fromMs) {
                long start = Math.max(fromMs, current.observedMs());
                if (s.observedMs() > start) {
                    segments.add(new Segment(start, s.observedMs(), current.syncPointMs()));
                }
            }
            // a sync that brings older data than the one before it (a report that crossed another) does not lower the
            // RPO
            if (current == null || s.syncPointMs() >= current.syncPointMs()) {
                current = s;
            } else {
                current = new Sync(s.observedMs(), current.syncPointMs());
            }
        }
        if (current != null) {
            long start = Math.max(fromMs, current.observedMs());
            if (toMs > start) {
                segments.add(new Segment(start, toMs, current.syncPointMs()));
            }
        }
        return new RpoTimeline(segments, fromMs, toMs);
    }

    public List<Segment> segments() {
        return segments;
    }

    /** The period's time with a known RPO. */
    public long coveredMs() {
        return segments.stream().mapToLong(s -> s.toMs() - s.fromMs()).sum();
    }

    /** The period's time before the first known sync point. */
    public long uncoveredMs() {
        return (toMs - fromMs) - coveredMs();
    }

    /** The highest RPO in the period, or null when none is known. */
    public Long maxMs() {
        return segments.stream().mapToLong(Segment::rpoAtEndMs).max().stream()
                .boxed()
                .findFirst()
                .orElse(null);
    }

    /** How long the RPO was above {@code targetMs}. */
    public long timeAboveMs(long targetMs) {
        return segments.stream().mapToLong(s -> s.timeAboveMs(targetMs)).sum();
    }

    /**
     * The time-weighted percentile {@code p} (0-100) of the RPO over the covered time, to the
     * millisecond: the smallest value the RPO stayed at or under for {@code p} % of that time.
     */
    public Long percentileMs(double p) {
        long covered = coveredMs();
        if (covered == 0) {
            return null;
        }
        double allowedAbove = covered * (100 - p) / 100.0;
        long lo = segments.stream().mapToLong(Segment::rpoAtStartMs).min().orElse(0);
        long hi = maxMs();
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            if (timeAboveMs(mid) <= allowedAbove) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
