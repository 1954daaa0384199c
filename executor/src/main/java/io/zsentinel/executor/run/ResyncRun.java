package io.zsentinel.executor.run;

import io.zsentinel.chain.Snapshot;
import io.zsentinel.chain.SnapshotNames;
import io.zsentinel.events.EventType;
import io.zsentinel.events.data.AuditData;
import io.zsentinel.events.data.ErrorClass;
import io.zsentinel.events.data.JobFailedData;
import io.zsentinel.events.data.JobSucceededData;
import io.zsentinel.events.data.ResyncData;
import io.zsentinel.events.data.RunStage;
import io.zsentinel.events.data.SnapshotData;
import io.zsentinel.executor.config.JobConfig;
import io.zsentinel.executor.node.NodeFailure;
import io.zsentinel.executor.node.ZfsNode;
import io.zsentinel.executor.plan.Pruner;
import io.zsentinel.executor.plan.ResyncPlanner;
import io.zsentinel.executor.plan.ResyncPlanner.Refused;
import io.zsentinel.executor.plan.ResyncPlanner.RenameAsideFull;
import io.zsentinel.executor.plan.ResyncPlanner.ResyncPlan;
import io.zsentinel.executor.plan.ResyncPlanner.RollbackIncremental;
import io.zsentinel.executor.zfs.DatasetInventory;
import io.zsentinel.executor.zfs.ZfsOutput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A resync (SPEC.md "Auto-resync"): a fresh source snapshot, both inventories re-read, the
 * pure {@link ResyncPlanner} per dataset, then rollback + incremental or rename-aside + full.
 * Every step is published (resync.started/completed/refused) and audited, and each dataset's
 * stream is reported as a run's is ({@link ReportedTransfer}), so that a long full resync reads as
 * a transfer in progress and a hung one as stalled. The only replica is never destroyed: a target
 * without a common snapshot is renamed, not received over.
 */
public final class ResyncRun {
    private static final Logger LOG = LoggerFactory.getLogger(ResyncRun.class);

    private final JobConfig job;
    private final ZfsNode source;
    private final ZfsNode target;
    private final RunEvents events;
    private final AtomicBoolean cancelled;
    private final String commandId;
    private final String actor;
    private final String runId = UUID.randomUUID().toString();
    private final String subject;

    public ResyncRun(
            JobConfig job,
            ZfsNode source,
            ZfsNode target,
            RunEvents events,
            AtomicBoolean cancelled,
            String commandId,
            String actor) {
        this.job = job;
        this.source = source;
        this.target = target;
        this.events = events;
        this.cancelled = cancelled;
        this.commandId = commandId;
        this.actor = actor;
        this.subject = job.key().toString();
    }

    public RunOutcome execute(int failCount) {
        Instant started = events.clock().instant();
        long epoch = started.getEpochSecond();
        String snap = SnapshotNames.forJob(job.jobId(), epoch);
        List<String> created = new ArrayList<>();
        try {
            for (String ds : job.datasets()) {
                source.snapshot(ds, snap);
                created.add(ds);
            }
            Map<String, DatasetInventory> src = new LinkedHashMap<>();
            Map<String, DatasetInventory> tgt = new LinkedHashMap<>();
            for (String ds : job.datasets()) {
                src.put(ds, source.inventory(ds));
                tgt.put(ds, target.inventory(ds));
                Snapshot s = src.get(ds).byName(snap).orElseThrow();
                events.fact(
                        EventType.SNAPSHOT_CREATED,
                        subject,
                        new SnapshotData(source.name(), ds, snap, s.guid(), s.creation()));
            }
            Map<String, Long> free = new LinkedHashMap<>();
            for (ZfsOutput.PoolLine p : target.pools()) {
                free.put(p.name(), p.free());
            }
            Map<String, ResyncPlan> plans = new LinkedHashMap<>();
            for (String ds : job.datasets()) {
                String pool = ds.substring(0, ds.indexOf('/'));
                Long poolFree = free.get(pool);
                ResyncPlan plan = ResyncPlanner.plan(
                        job.jobId(),
                        src.get(ds),
                        tgt.get(ds),
                        snap,
                        epoch,
                        src.get(ds).used(),
                        poolFree);
                if (plan instanceof Refused r) {
                    refuse(r, snap, created);
                    return new RunOutcome.Failed(RunStage.RESYNC, r.reason(), r.detail());
                }
                if (plan instanceof RenameAsideFull full && poolFree != null) {
                    free.put(pool, poolFree - full.requiredBytes()); // the next dataset needs its own room
                }
                plans.put(ds, plan);
            }
            boolean anyFull = plans.values().stream().anyMatch(p -> p instanceof RenameAsideFull);
            String base = plans.values().stream()
                    .filter(p -> p instanceof RollbackIncremental)
                    .map(p -> ((RollbackIncremental) p).base())
                    .findFirst()
                    .orElse(null);
            List<String> orphans = plans.values().stream()
                    .filter(p -> p instanceof RenameAsideFull f && f.orphan() != null)
                    .map(p -> ((RenameAsideFull) p).orphan())
                    .toList();
            String planName = anyFull ? ResyncData.FULL : ResyncData.INCREMENTAL;
            events.fact(
                    EventType.RESYNC_STARTED,
                    subject,
                    new ResyncData(
                            commandId, source.name(), target.name(), job.datasets(), planName, base, orphans, null));
            audit("resync.started", "success", planName + (base == null ? "" : " from @" + base), Map.of());

            long bytes = 0;
            Instant syncPoint = null;
            for (String ds : job.datasets()) {
                ResyncPlan plan = plans.get(ds);
                String from = null;
                boolean force = false;
                if (plan instanceof RollbackIncremental r) {
                    String onTarget =
                            tgt.get(ds).byGuid(r.baseGuid()).orElseThrow().name();
                    target.rollback(ds, onTarget);
                    audit("resync.rollback", "success", ds + " rolled back to @" + onTarget, Map.of("dataset", ds));
                    from = r.base();
                    force = true;
                } else if (plan instanceof RenameAsideFull f && f.orphan() != null) {
                    target.rename(ds, f.orphan());
                    audit(
                            "resync.rename",
                            "success",
                            ds + " renamed to " + f.orphan(),
                            Map.of("dataset", ds, "orphan", f.orphan()));
                }
                if (plan instanceof RollbackIncremental r && r.to() == null) {
                    continue;
                }
                String guid = src.get(ds).byName(snap).orElseThrow().guid();
                bytes += new ReportedTransfer(job, source, target, events, runId, cancelled)
                        .send(ds, from, snap, guid, force);
                DatasetInventory after = target.inventory(ds);
                Snapshot onTarget = after.byName(snap)
                        .filter(s -> s.guid().equals(guid))
                        .orElseThrow(() ->
                                new IllegalStateException("verify: " + ds + "@" + snap + " not on " + target.name()));
                syncPoint =
                        syncPoint == null || onTarget.creation().isBefore(syncPoint) ? onTarget.creation() : syncPoint;
                ReplicationRun.prune(
                        Pruner.plan(job.jobId(), source.inventory(ds), after), source, target, ds, events, subject);
            }
            // the inventories before the success, as a run reports them: a reader that clears the failure on
            // job.succeeded must not judge the chain by the replaced replica's snapshots (a false chain.at_risk)
            new ReplicationRun(job, source, target, events, cancelled).reportInventories();
            events.fact(
                    EventType.RESYNC_COMPLETED,
                    subject,
                    new ResyncData(
                            commandId, source.name(), target.name(), job.datasets(), planName, base, orphans, "done"));
            audit("resync.completed", "success", planName, Map.of());
            if (syncPoint != null) {
                events.fact(
                        EventType.JOB_SUCCEEDED,
                        subject,
                        new JobSucceededData(
                                runId,
                                source.name(),
                                target.name(),
                                syncPoint,
                                snap,
                                job.datasets(),
                                Duration.between(started, events.clock().instant())
                                        .toMillis(),
                                bytes));
            }
            return new RunOutcome.Succeeded(snap, syncPoint == null ? started : syncPoint, bytes);
        } catch (NodeFailure e) {
            return failed(e.errorClass(), e.getMessage(), snap, created, failCount);
        } catch (RuntimeException e) {
            LOG.error("{}: resync failed", subject, e);
            return failed(ErrorClass.UNKNOWN, e.toString(), snap, created, failCount);
        }
    }

    private void refuse(Refused r, String snap, List<String> created) {
        events.fact(
                EventType.RESYNC_REFUSED,
                subject,
                new ResyncData(
                        commandId,
                        source.name(),
                        target.name(),
                        job.datasets(),
                        ResyncData.FULL,
                        null,
                        List.of(),
                        r.reason().name()));
        audit("resync.refused", "failure", r.reason() + ": " + r.detail(), Map.of());
        dropSnapshot(snap, created);
    }

    private RunOutcome failed(ErrorClass c, String message, String snap, List<String> created, int failCount) {
        LOG.warn("{}: resync failed ({}): {}", subject, c, message);
        audit("resync.failed", "failure", c + ": " + message, Map.of());
        dropSnapshot(snap, created);
        events.fact(
                EventType.JOB_FAILED,
                subject,
                new JobFailedData(
                        runId,
                        source.name(),
                        target.name(),
                        RunStage.RESYNC,
                        c,
                        message == null ? "" : message,
                        failCount + 1));
        return new RunOutcome.Failed(RunStage.RESYNC, c, message);
    }

    private void dropSnapshot(String snap, List<String> created) {
        for (String ds : created) {
            try {
                if (target.inventory(ds).byName(snap).isEmpty()) {
                    source.destroySnapshot(ds, snap);
                    events.fact(
                            EventType.SNAPSHOT_DESTROYED,
                            subject,
                            new SnapshotData(source.name(), ds, snap, null, null));
                }
            } catch (NodeFailure e) {
                LOG.debug("{}: leaving {}@{}: {}", subject, ds, snap, e.getMessage());
            }
        }
    }

    private void audit(String action, String outcome, String reason, Map<String, String> extra) {
        Map<String, String> attributes = new LinkedHashMap<>(extra);
        attributes.put("commandId", commandId);
        attributes.put("node", target.name());
        attributes.put("source", source.name());
        events.audit(subject, new AuditData(action, actor, outcome, subject, reason, attributes));
    }
}
