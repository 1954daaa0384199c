package io.zsentinel.collector.heartbeat;

import io.zsentinel.collector.job.Assignment;
import io.zsentinel.events.JobKey;
import io.zsentinel.events.data.HeartbeatData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds an executor's heartbeats into its {@link ExecutorState}: the next state from the previous one,
 * which stays as it was, and the jobs whose reported info changed, for the caller to hand on. Pure.
 */
public final class ExecutorFacts {
    private ExecutorFacts() {}

    /**
     * @param previous the executor before the heartbeat, null before its first
     * @param timeMs the heartbeat's time
     */
    public static Folded apply(ExecutorState previous, HeartbeatData d, long timeMs) {
        Map<String, Integer> known = previous == null ? Map.of() : previous.assignments();
        Map<String, Integer> clusters = new HashMap<>();
        Map<String, Integer> assignments = new TreeMap<>();
        List<Change> changed = new ArrayList<>();
        List<Invalid> invalid = new ArrayList<>();
        for (HeartbeatData.JobInfo info : d.jobs()) {
            String jobKey;
            try {
                jobKey = JobKey.parse(info.job()).toString();
            } catch (IllegalArgumentException e) {
                invalid.add(new Invalid(info.job(), e.getMessage()));
                continue;
            }
            clusters.merge(JobKey.parse(jobKey).cluster(), 1, Integer::sum);
            int hash = info.hashCode();
            assignments.put(jobKey, hash);
            if (!Integer.valueOf(hash).equals(known.get(jobKey))) {
                changed.add(new Change(jobKey, new Assignment(d.executorId(), timeMs, info)));
            }
        }
        String cluster = previous != null && previous.cluster() != null
                ? previous.cluster()
                : clusters.entrySet().stream()
                        .max(Map.Entry.comparingByValue())
                        .map(Map.Entry::getKey)
                        .orElse(null);
        ExecutorState next = new ExecutorState(
                d.executorId(),
                cluster,
                d.intervalSeconds(),
                Math.max(previous == null ? 0 : previous.lastSeenMs(), timeMs),
                assignments,
                previous == null ? Map.of() : previous.findings());
        return new Folded(next, changed, invalid);
    }

    /**
     * @param next the executor after the heartbeat
     * @param changed the jobs whose info differs from the previous heartbeat's, in the heartbeat's order
     * @param invalid the jobs left out for an invalid job key
     */
    public record Folded(ExecutorState next, List<Change> changed, List<Invalid> invalid) {}

    /** A job's new info from its executor, for the job's state. */
    public record Change(String jobKey, Assignment assignment) {}

    /** A job of the heartbeat whose key does not parse, and why. */
    public record Invalid(String job, String reason) {}
}
