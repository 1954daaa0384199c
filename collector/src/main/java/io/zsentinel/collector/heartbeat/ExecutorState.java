package io.zsentinel.collector.heartbeat;

import io.zsentinel.collector.Frozen;
import io.zsentinel.collector.finding.Episode;
import java.util.Map;

/**
 * One executor as its heartbeats describe it. {@code assignments} holds a hash of each owned
 * job's last reported info so that only changes travel to the jobs. Immutable ({@link ExecutorFacts#apply}
 * makes the next one); the store's JSON is its components.
 */
public record ExecutorState(
        String executor,
        String cluster,
        long intervalSeconds,
        long lastSeenMs,
        Map<String, Integer> assignments,
        Map<String, Episode> findings) {
    public ExecutorState {
        assignments = Frozen.sorted(assignments);
        findings = Frozen.sorted(findings);
    }

    /** This executor with the episodes that the findings lifecycle keeps; this one when they are the same. */
    public ExecutorState withFindings(Map<String, Episode> next) {
        return next.equals(findings)
                ? this
                : new ExecutorState(executor, cluster, intervalSeconds, lastSeenMs, assignments, next);
    }
}
