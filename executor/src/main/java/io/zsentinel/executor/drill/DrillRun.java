package io.zsentinel.executor.drill;

import io.zsentinel.events.data.DrillData;
import io.zsentinel.events.data.ErrorClass;
import io.zsentinel.executor.config.JobConfig;
import io.zsentinel.executor.drill.DrillPlanner.Refused;
import io.zsentinel.executor.drill.DrillPlanner.Restore;
import io.zsentinel.executor.drill.DrillPlanner.Restores;
import io.zsentinel.executor.node.NodeFailure;
import io.zsentinel.executor.node.ZfsNode;
import io.zsentinel.executor.zfs.DatasetInventory;
import io.zsentinel.executor.zfs.ZfsOutput.PoolLine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One restore drill of a job (the guide's "after" checklist): both inventories read, the
 * {@link DrillPlanner}'s plan, then per dataset a read-only clone of the newest common snapshot
 * on the target, its content digested, the same for the source's snapshot, and both clones
 * destroyed whatever happened. The replica and the source's snapshots are only read. A snapshot
 * that a run of the job pruned between the plan and its clone (the executor replicates on while
 * the CLI drills) makes a new plan, on the newer snapshot. The result is the
 * {@code drill.completed} / {@code drill.failed} data.
 */
public final class DrillRun {
    private static final Logger LOG = LoggerFactory.getLogger(DrillRun.class);
    /** Plans made when a run pruned the planned snapshot before its clone; a run every few seconds is rare. */
    private static final int PLAN_TRIES = 3;

    private final JobConfig job;
    private final ZfsNode source;
    private final ZfsNode target;
    private final Clock clock;
    private Runnable afterPlan = () -> {};

    public DrillRun(JobConfig job, ZfsNode source, ZfsNode target, Clock clock) {
        this.job = job;
        this.source = source;
        this.target = target;
        this.clock = clock;
    }

    /**
     * For tests: runs between the plan and the first clone, as a replication run of the executor
     * may (the CLI's drill runs beside it).
     */
    public DrillRun afterPlan(Runnable hook) {
        this.afterPlan = hook;
        return this;
    }

    public DrillData execute(String trigger) {
        String id = "drill-" + UUID.randomUUID();
        Instant started = clock.instant();
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(id, trigger, started, attempt == PLAN_TRIES);
            } catch (SnapshotGone e) {
                // a run of the job made a newer common snapshot and pruned the planned one: plan again
                LOG.info(
                        "{}: the drill's snapshot went before its clone ({}); planning again",
                        job.key(),
                        e.getMessage());
            }
        }
    }

    private DrillData attempt(String id, String trigger, Instant started, boolean last) throws SnapshotGone {
        Map<String, DatasetInventory> src = new LinkedHashMap<>();
        Map<String, DatasetInventory> dst = new LinkedHashMap<>();
        Map<String, PoolLine> srcPools = new LinkedHashMap<>();
        Map<String, PoolLine> dstPools = new LinkedHashMap<>();
        try {
            for (String ds : job.datasets()) {
                src.put(ds, source.inventory(ds));
                dst.put(ds, target.inventory(ds));
            }
            source.pools().forEach(p -> srcPools.put(p.name(), p));
            target.pools().forEach(p -> dstPools.put(p.name(), p));
        } catch (NodeFailure e) {
            return failed(id, trigger, started, null, null, List.of(), "UNREACHABLE", e.getMessage());
        }
        DrillPlanner.Plan plan = DrillPlanner.plan(job, src, dst, srcPools, dstPools, started.getEpochSecond());
        if (plan instanceof Refused r) {
            return failed(id, trigger, started, null, null, List.of(), r.reason(), r.detail());
        }
        List<Restore> restores = ((Restores) plan).restores();
        long rpo = restores.stream()
                .mapToLong(r -> Duration.between(r.created(), started).getSeconds())
                .max()
                .orElse(0);
        List<DrillData.Dataset> results = new ArrayList<>();
        afterPlan.run();
        long t0 = System.nanoTime();
        try {
            for (Restore r : restores) {
                target.drillClone(r.dataset(), r.snapshot(), r.replicaClone());
                ZfsNode.Digest replica = target.contentDigest(r.replicaClone());
                source.drillClone(r.dataset(), r.snapshot(), r.sourceClone());
                ZfsNode.Digest original = source.contentDigest(r.sourceClone());
                boolean same = replica.equals(original);
                results.add(new DrillData.Dataset(
                        r.dataset(),
                        r.snapshot(),
                        r.guid(),
                        r.created(),
                        replica.files(),
                        original.sha256(),
                        replica.sha256(),
                        same));
            }
        } catch (NodeFailure | RuntimeException e) {
            if (e instanceof NodeFailure gone && gone.errorClass() == ErrorClass.NOT_FOUND && !last) {
                throw new SnapshotGone(e.getMessage());
            }
            return failed(id, trigger, started, millisSince(t0), rpo, results, "ERROR", e.getMessage());
        } finally {
            for (Restore r : restores) {
                destroyQuietly(target, r.replicaClone());
                destroyQuietly(source, r.sourceClone());
            }
        }
        List<String> differ = results.stream()
                .filter(d -> !d.verified())
                .map(DrillData.Dataset::dataset)
                .toList();
        if (!differ.isEmpty()) {
            return failed(
                    id,
                    trigger,
                    started,
                    millisSince(t0),
                    rpo,
                    results,
                    "CONTENT_DIFFERS",
                    String.join(", ", differ) + ": the clone of the replica on " + job.target()
                            + " differs from the same snapshot on " + job.source());
        }
        return new DrillData(
                id, trigger, job.source(), job.target(), started, millisSince(t0), rpo, results, null, null);
    }

    /** The planned snapshot was gone when its clone was made. */
    private static final class SnapshotGone extends Exception {
        SnapshotGone(String message) {
            super(message, null, false, false);
        }
    }

    private DrillData failed(
            String id,
            String trigger,
            Instant started,
            Long restoreMillis,
            Long rpo,
            List<DrillData.Dataset> datasets,
            String reason,
            String detail) {
        LOG.warn("{}: drill failed ({}): {}", job.key(), reason, detail);
        return new DrillData(
                id, trigger, job.source(), job.target(), started, restoreMillis, rpo, datasets, reason, detail);
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static void destroyQuietly(ZfsNode node, String clone) {
        try {
            node.destroyOwn(clone);
        } catch (NodeFailure | RuntimeException e) {
            LOG.warn(
                    "drill: could not destroy the clone {} on {}: {} (destroy it by hand: it keeps its snapshot from"
                            + " being pruned)",
                    clone,
                    node.name(),
                    e.getMessage());
        }
    }
}
