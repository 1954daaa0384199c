package io.zsentinel.executor.scheduling;

import io.zsentinel.executor.config.JobConfig;
import io.zsentinel.executor.drill.DrillSchedule;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One scheduling tick, decided: from every job's state and the time, which runs and which
 * restore drills start now. Pure; the dispatcher applies the decision.
 *
 * <p>Due is pvesr's ({@link NextRun}), or a queued command (even for a disabled job: an operator
 * asked). A job being inventoried or drilled waits for the next tick. Commanded jobs go first,
 * then the oldest due; {@link Admission} keeps a job from overlapping itself and a node to K
 * transfers. A drill starts only for a job that neither runs nor just got a run.
 */
public final class Scheduler {
    /** What a tick looks at for one job. */
    public record Job(
            JobConfig config,
            JobRunState state,
            boolean commanded,
            boolean inventorying,
            boolean drilling,
            Instant drillSince,
            Instant lastDrillTry) {
        public String key() {
            return config.key().toString();
        }
    }

    /** The job keys whose run, and whose drill, start now; runs in the order admitted. */
    public record Tick(List<String> runs, List<String> drills) {
        public Tick {
            runs = List.copyOf(runs);
            drills = List.copyOf(drills);
        }
    }

    private final ZoneId zone;
    private final int maxTransfersPerNode;

    public Scheduler(ZoneId zone, int maxTransfersPerNode) {
        this.zone = zone;
        this.maxTransfersPerNode = maxTransfersPerNode;
    }

    public Tick decide(Collection<Job> jobs, Instant now) {
        List<Job> due = new ArrayList<>();
        Set<String> running = new HashSet<>();
        List<Admission.Candidate> busy = new ArrayList<>();
        for (Job j : jobs) {
            if (j.state().running()) {
                running.add(j.key());
                busy.add(candidate(j));
            } else if (j.inventorying() || j.drilling()) {
                continue; // due again at the next tick, after its inventory or drill
            } else if (j.commanded()
                    || (j.config().enabled() && NextRun.due(j.config().schedule(), zone, j.state(), now))) {
                due.add(j);
            }
        }
        due.sort(Comparator.comparing((Job j) -> j.commanded() ? 0 : 1)
                .thenComparing(j -> nextRun(j, now).orElse(Instant.MAX)));
        List<String> runs =
                Admission.select(due.stream().map(Scheduler::candidate).toList(), running, busy, maxTransfersPerNode)
                        .stream()
                        .map(Admission.Candidate::job)
                        .toList();
        List<String> drills = new ArrayList<>();
        for (Job j : jobs) {
            if (!j.state().running()
                    && !runs.contains(j.key())
                    && !j.inventorying()
                    && !j.drilling()
                    && j.config().drillSchedule() != null
                    && DrillSchedule.start(j.config().drillSchedule(), zone, j.drillSince(), j.lastDrillTry(), now)) {
                drills.add(j.key());
            }
        }
        return new Tick(runs, drills);
    }

    /** When the schedule runs the job next (what the heartbeat reports); empty for a disabled job. */
    public Optional<Instant> nextRun(Job j, Instant now) {
        if (!j.config().enabled()) {
            return Optional.empty();
        }
        return NextRun.next(j.config().schedule(), zone, j.state(), now);
    }

    /** When its next scheduled drill is due; null without a drill schedule. */
    public Instant drillDue(Job j) {
        return j.config().drillSchedule() == null
                ? null
                : DrillSchedule.due(j.config().drillSchedule(), zone, j.drillSince());
    }

    private static Admission.Candidate candidate(Job j) {
        return new Admission.Candidate(j.key(), j.config().source(), j.config().target());
    }
}
