package io.zsentinel.collector.heartbeat;

import io.zsentinel.collector.Human;
import io.zsentinel.collector.Thresholds;
import io.zsentinel.collector.finding.Condition;
import io.zsentinel.events.data.FindingNames;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The dead man's switch: an executor whose heartbeat stopped for N intervals is silent. Pure. */
public final class SilenceEvaluator {
    private SilenceEvaluator() {}

    /** The conditions that hold now, and when the passing of time alone next changes them. */
    public static Result evaluate(ExecutorState e, Thresholds th, long nowMs) {
        return evaluate(e, th, nowMs, Long.MIN_VALUE);
    }

    /**
     * @param watchingSinceMs since when the collector could have read the executor's heartbeats: a
     *     collector that was down sees the last heartbeat it stored, not those waiting in the topic, so
     *     silence counts from no earlier than this (an executor found silent before stays silent:
     *     pass {@code Long.MIN_VALUE})
     */
    public static Result evaluate(ExecutorState e, Thresholds th, long nowMs, long watchingSinceMs) {
        long allowedMs = e.intervalSeconds() * 1000L * th.missedHeartbeats();
        long from = Math.max(e.lastSeenMs(), watchingSinceMs);
        if (nowMs - from <= allowedMs) {
            return new Result(List.of(), from + allowedMs + 1);
        }
        long silentMs = nowMs - e.lastSeenMs();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", FindingNames.EXECUTOR_SILENT);
        labels.put("cluster", e.cluster() == null ? "unknown" : e.cluster());
        labels.put("executor", e.executor());
        Map<String, String> annotations = Map.of(
                "last_heartbeat", Instant.ofEpochMilli(e.lastSeenMs()).toString(),
                "interval_seconds", Long.toString(e.intervalSeconds()),
                "jobs", Integer.toString(e.assignments().size()));
        String summary = "executor " + e.executor() + " silent for " + Human.duration(silentMs / 1000)
                + " (heartbeat every " + Human.duration(e.intervalSeconds()) + ", "
                + e.assignments().size()
                + " jobs unwatched)";
        return new Result(
                List.of(new Condition(
                        e.executor(),
                        FindingNames.EXECUTOR_SILENT,
                        FindingNames.CRITICAL,
                        labels,
                        annotations,
                        summary,
                        (double) (silentMs / 1000))),
                Long.MAX_VALUE);
    }

    public record Result(List<Condition> conditions, long nextCheckMs) {}
}
