package io.zsentinel.collector.pool;

import io.zsentinel.collector.Human;
import io.zsentinel.collector.Thresholds;
import io.zsentinel.collector.finding.Condition;
import io.zsentinel.collector.space.Forecast;
import io.zsentinel.collector.space.SpaceForecast;
import io.zsentinel.collector.space.UsageSeries;
import io.zsentinel.events.PoolKey;
import io.zsentinel.events.data.FindingNames;
import io.zsentinel.events.data.PoolUsageData;
import io.zsentinel.events.state.PoolStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Folds usage samples into a {@link PoolState} (the next state from the previous one, which stays as it
 * was) and judges it: {@code space.low}, {@code space.forecast}. Pure.
 */
public final class PoolEvaluator {
    private PoolEvaluator() {}

    /**
     * The pool after a usage sample taken at {@code timeMs}; {@code p} itself when the sample is older than
     * the last one (it changes nothing).
     *
     * @param p the pool before it, {@link PoolState#NONE} before the first
     */
    public static PoolState apply(PoolState p, String poolKey, PoolUsageData d, long timeMs, Thresholds th) {
        if (timeMs < p.lastSampleMs()) {
            return poolKey.equals(p.pool())
                    ? p
                    : new PoolState(
                            poolKey,
                            p.size(),
                            p.allocated(),
                            p.free(),
                            p.health(),
                            p.lastSampleMs(),
                            p.series(),
                            p.findings());
        }
        return new PoolState(
                poolKey,
                d.size(),
                d.allocated(),
                d.free(),
                d.health(),
                timeMs,
                p.series().add(timeMs, d.free(), th.spaceWindow().toMillis(), th.spaceMaxSamples()),
                p.findings());
    }

    public static PoolEvaluation evaluate(PoolState p, Thresholds th, long nowMs) {
        UsageSeries series = p.series();
        Forecast f = SpaceForecast.forecast(
                series.times,
                series.free,
                series.sinceMs,
                p.size(),
                nowMs,
                th.spaceWindow().toMillis(),
                th.spaceMinCoverage(),
                th.spaceMinSamples());
        PoolKey key = PoolKey.parse(p.pool());
        PoolStatus status = new PoolStatus(
                p.pool(),
                key.cluster(),
                key.node(),
                key.pool(),
                p.size(),
                p.allocated(),
                p.free(),
                p.health(),
                f.slopeBytesPerSecond(),
                f.secondsTo80(),
                f.secondsTo95(),
                f.secondsToFull(),
                f.samples(),
                Instant.ofEpochMilli(nowMs));
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("cluster", key.cluster());
        labels.put("node", key.node());
        labels.put("pool", key.pool());
        labels.put("poolkey", p.pool());
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("size_bytes", Long.toString(p.size()));
        annotations.put("free_bytes", Long.toString(p.free()));
        if (f.secondsToFull() != null) {
            annotations.put("seconds_to_full", Long.toString(f.secondsToFull()));
        }
        if (f.slopeBytesPerSecond() != null) {
            annotations.put("free_slope_bytes_per_second", String.format(Locale.ROOT, "%.3f", f.slopeBytesPerSecond()));
        }
        List<Condition> conditions = new ArrayList<>();
        double used = p.size() <= 0 ? 0 : 1.0 - (double) p.free() / p.size();
        if (p.size() > 0 && used >= th.spaceWarnUsedRatio()) {
            String severity = used >= th.spaceCriticalUsedRatio() ? FindingNames.CRITICAL : FindingNames.WARNING;
            conditions.add(new Condition(
                    p.pool(),
                    FindingNames.SPACE_LOW,
                    severity,
                    with(labels, FindingNames.SPACE_LOW),
                    annotations,
                    String.format(
                            Locale.ROOT,
                            "%s: %.0f %% used, %s free of %s",
                            p.pool(),
                            used * 100,
                            Human.bytes(p.free()),
                            Human.bytes(p.size())),
                    used * 100));
        }
        Long toFull = f.secondsToFull();
        if (toFull != null && toFull > 0 && toFull <= th.forecastHorizon().toSeconds()) {
            String severity =
                    toFull <= th.forecastCriticalHorizon().toSeconds() ? FindingNames.CRITICAL : FindingNames.WARNING;
            conditions.add(new Condition(
                    p.pool(),
                    FindingNames.SPACE_FORECAST,
                    severity,
                    with(labels, FindingNames.SPACE_FORECAST),
                    annotations,
                    p.pool() + ": full in " + Human.duration(toFull) + " at the current trend ("
                            + Human.bytes((long) (-f.slopeBytesPerSecond() * 86400)) + "/day, "
                            + Human.bytes(p.free()) + " free)",
                    (double) toFull));
        }
        return new PoolEvaluation(status, f, conditions);
    }

    private static Map<String, String> with(Map<String, String> labels, String alertname) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("alertname", alertname);
        all.putAll(labels);
        return all;
    }
}
