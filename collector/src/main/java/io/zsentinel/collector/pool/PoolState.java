package io.zsentinel.collector.pool;

import io.zsentinel.collector.Frozen;
import io.zsentinel.collector.finding.Episode;
import io.zsentinel.collector.space.UsageSeries;
import java.util.Map;

/**
 * One pool: its last usage sample and the bounded series of free bytes. Immutable ({@link PoolEvaluator#apply}
 * makes the next one); the store's JSON is its components.
 */
public record PoolState(
        String pool,
        long size,
        long allocated,
        long free,
        String health,
        long lastSampleMs,
        UsageSeries series,
        Map<String, Episode> findings) {
    /** Before the first sample. */
    public static final PoolState NONE = new PoolState(null, 0, 0, 0, null, 0, UsageSeries.EMPTY, Map.of());

    public PoolState {
        series = series == null ? UsageSeries.EMPTY : series;
        findings = Frozen.sorted(findings);
    }

    /** This pool with the episodes that the findings lifecycle keeps; this one when they are the same. */
    public PoolState withFindings(Map<String, Episode> next) {
        return next.equals(findings)
                ? this
                : new PoolState(pool, size, allocated, free, health, lastSampleMs, series, next);
    }
}
