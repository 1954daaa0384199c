package io.zsentinel.executor.scheduling;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which due jobs may start now: a job never runs concurrently with itself, and a node takes
 * part (as source or target) in at most {@code maxPerNode} transfers at once. Jobs are taken
 * in the order given (oldest due first); one that does not fit waits for the next tick.
 */
public final class Admission {
    /** A job asking to run, with the two nodes a transfer occupies. */
    public record Candidate(String job, String source, String target) {}

    private Admission() {}

    public static List<Candidate> select(
            List<Candidate> due, Set<String> runningJobs, Collection<Candidate> running, int maxPerNode) {
        Map<String, Integer> load = new HashMap<>();
        for (Candidate r : running) {
            load.merge(r.source(), 1, Integer::sum);
            load.merge(r.target(), 1, Integer::sum);
        }
        List<Candidate> admitted = new ArrayList<>();
        java.util.Set<String> taken = new java.util.HashSet<>(runningJobs);
        for (Candidate c : due) {
            if (taken.contains(c.job())) {
                continue;
            }
            if (load.getOrDefault(c.source(), 0) >= maxPerNode || load.getOrDefault(c.target(), 0) >= maxPerNode) {
                continue;
            }
            load.merge(c.source(), 1, Integer::sum);
            load.merge(c.target(), 1, Integer::sum);
            taken.add(c.job());
            admitted.add(c);
        }
        return admitted;
    }
}
