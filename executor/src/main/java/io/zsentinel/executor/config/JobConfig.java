package io.zsentinel.executor.config;

import io.zsentinel.events.JobKey;
import io.zsentinel.executor.calendar.CalendarEvent;
import java.time.Duration;
import java.util.List;

/**
 * One replication job as pvesr has it: a guest's datasets (same names on both nodes) from
 * {@code source} to {@code target} on a calendar schedule, at most {@code rateMBps} MB/s
 * (10^6 bytes/s; 0 = unlimited); a restore drill on {@code drillSchedule} (null: drills on demand only).
 */
public record JobConfig(
        JobKey key,
        String source,
        String target,
        List<String> datasets,
        CalendarEvent schedule,
        double rateMBps,
        Duration rpoTarget,
        boolean enabled,
        CalendarEvent drillSchedule) {
    public JobConfig {
        datasets = List.copyOf(datasets);
    }

    /** A job without scheduled drills. */
    public JobConfig(
            JobKey key,
            String source,
            String target,
            List<String> datasets,
            CalendarEvent schedule,
            double rateMBps,
            Duration rpoTarget,
            boolean enabled) {
        this(key, source, target, datasets, schedule, rateMBps, rpoTarget, enabled, null);
    }

    public String jobId() {
        return key.jobId();
    }

    /** Bytes per second, or 0 when unlimited. */
    public long rateBytesPerSecond() {
        return (long) (rateMBps * 1_000_000);
    }
}
