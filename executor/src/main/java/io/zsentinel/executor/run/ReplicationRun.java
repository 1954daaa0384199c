package io.zsentinel.executor.run;

import io.zsentinel.chain.Snapshot;
import io.zsentinel.chain.SnapshotNames;
import io.zsentinel.events.EventType;
import io.zsentinel.events.data.ErrorClass;
import io.zsentinel.events.data.InventoryData;
import io.zsentinel.events.data.JobFailedData;
import io.zsentinel.events.data.JobSucceededData;
import io.zsentinel.events.data.RunStage;
import io.zsentinel.events.data.SnapshotData;
import io.zsentinel.executor.config.JobConfig;
import io.zsentinel.executor.node.NodeFailure;
import io.zsentinel.executor.node.ZfsNode;
import io.zsentinel.executor.plan.Conflict;
import io.zsentinel.executor.plan.Decision;
import io.zsentinel.executor.plan.IncrementalPlanner;
import io.zsentinel.executor.plan.Plan;
import io.zsentinel.executor.plan.Pruner;
import io.zsentinel.executor.transfer.Transfer;
import io.zsentinel.executor.zfs.DatasetInventory;
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
 * One run of a job, as pvesr does it (pvesr.md "One run"), publishing every step. Blocking:
 * runs on a worker thread. The decisions are the pure planners'; this class only does the I/O
 * around them and reports.
 */
public final class ReplicationRun {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationRun.class);

    private final JobConfig job;
    private final ZfsNode source;
    private final ZfsNode target;
    private final RunEvents events;
    private final AtomicBoolean cancelled;
    private final String runId = UUID.randomUUID().toString();
    private final String subject;
    private RunStage stage = RunStage.CONNECT;

    public ReplicationRun(JobConfig job, ZfsNode source, ZfsNode target, RunEvents events, AtomicBoolean cancelled) {
        this.job = job;
        this.source = source;
        this.target = target;
        this.events = events;
        this.cancelled = cancelled;
        this.subject = job.key().toString();
    }

    public String runId() {
        return runId;
    }

    /** Runs and reports. {@code failCount}: the failures before this run (for job.failed). */
    public RunOutcome execute(int failCount) {
        Instant started = events.clock().instant();
        String snap = SnapshotNames.forJob(job.jobId(), started.getEpochSecond());
        List<String> created = new ArrayList<>();
        try {
            stage = RunStage.CONNECT;
            source.connect();
            target.connect();
            source.capabilities();
            target.capabilities();

            stage = RunStage.SNAPSHOT;
            for (String ds : job.datasets()) {
                source.snapshot(ds, snap);
                created.add(ds);
            }
            stage = RunStage.INVENTORY;
            Map<String, DatasetInventory> src = new LinkedHashMap<>();
            Map<String, DatasetInventory> tgt = new LinkedHashMap<>();
            for (String ds : job.datasets()) {
                src.put(ds, source.inventory(ds));
                tgt.put(ds, target.inventory(ds));
                Snapshot s = src.get(ds)
                        .byName(snap)
                        .orElseThrow(() ->
                                new StageFailure(ErrorClass.NOT_FOUND, "snapshot " + ds + "@" + snap + " vanished"));
                events.fact(
                        EventType.SNAPSHOT_CREATED,
                        subject,
                        new SnapshotData(source.name(), ds, snap, s.guid(), s.creation()));
            }

            stage = RunStage.PREPARE;
            Map<String, Plan> plans = new LinkedHashMap<>();
            for (String ds : job.datasets()) {
                Decision d = IncrementalPlanner.plan(src.get(ds), tgt.get(ds), snap, job.jobId());
                if (d instanceof Conflict c) {
                    throw StageFailure.conflict(c);
                }
                plans.put(ds, (Plan) d);
            }

            long totalBytes = 0;
            Instant syncPoint = null;
            for (String ds : job.datasets()) {
                Plan plan = plans.get(ds);
                if (resumeInterrupted(ds)) {
                    // the target moved on by the resumed snapshot: plan this dataset again
                    stage = RunStage.PREPARE;
                    tgt.put(ds, target.inventory(ds));
                    Decision again = IncrementalPlanner.plan(src.get(ds), tgt.get(ds), snap, job.jobId());
                    if (again instanceof Conflict c) {
                        throw StageFailure.conflict(c);
                    }
                    plan = (Plan) again;
                }
                totalBytes += transfer(ds, plan, snap, src.get(ds));
                stage = RunStage.VERIFY;
                DatasetInventory after = target.inventory(ds);
                String guid = src.get(ds).byName(snap).orElseThrow().guid();
                Snapshot onTarget = after.byName(snap)
                        .filter(s -> s.guid().equals(guid))
                        .orElseThrow(() -> new StageFailure(
                                ErrorClass.UNKNOWN,
                                "verify: " + ds + "@" + snap + " with GUID " + guid + " is not on " + target.name()
                                        + " after the receive"));
                syncPoint =
                        syncPoint == null || onTarget.creation().isBefore(syncPoint) ? onTarget.creation() : syncPoint;
                tgt.put(ds, after);
                // Readers learn that the target holds the new snapshot before the prune below
                // destroys the old base: otherwise they briefly see no common snapshot.
                events.fact(
                        EventType.SNAPSHOT_CREATED,
                        subject,
                        new SnapshotData(target.name(), ds, snap, onTarget.guid(), onTarget.creation()));
            }

            stage = RunStage.PRUNE;
            for (String ds : job.datasets()) {
                prune(ds, src.get(ds), tgt.get(ds));
            }
            reportInventories();
            long ms = Duration.between(started, events.clock().instant()).toMillis();
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
                            Math.max(0, ms),
                            totalBytes));
            return new RunOutcome.Succeeded(snap, syncPoint, totalBytes);
        } catch (StageFailure e) {
            RunOutcome failed = fail(e.errorClass, e.getMessage(), snap, created, failCount);
            if (e.conflict) {
                // the chain is what stopped the run: readers learn what each side holds now, not at the
                // next inventory round (which a run every few minutes may keep missing)
                reportInventories();
            }
            return failed;
        } catch (NodeFailure e) {
            ErrorClass c = e.errorClass();
            if (cancelled.get()) {
                c = ErrorClass.UNKNOWN;
            }
            return fail(c, e.getMessage(), snap, created, failCount);
        } catch (RuntimeException e) {
            LOG.error("{}: unexpected failure in stage {}", subject, stage, e);
            return fail(ErrorClass.UNKNOWN, e.toString(), snap, created, failCount);
        }
    }

    private long transfer(String ds, Plan plan, String snap, DatasetInventory src) throws NodeFailure {
        stage = RunStage.SEND;
        if (plan instanceof Plan.UpToDate) {
            return 0;
        }
        String base = null;
        if (plan instanceof Plan.Incremental inc) {
            base = inc.base();
            for (String stale : inc.destroyOnTarget()) {
                target.destroySnapshot(ds, stale);
                events.fact(
                        EventType.SNAPSHOT_DESTROYED, subject, new SnapshotData(target.name(), ds, stale, null, null));
            }
        }
        String guid = src.byName(snap).map(Snapshot::guid).orElse(null);
        return new ReportedTransfer(job, source, target, events, runId, cancelled).send(ds, base, snap, guid, false);
    }

    /**
     * Richer path: finishes a receive an earlier run left half done ({@code send -t} the token);
     * when that is no longer possible, drops the partial state. True when a stream was resumed.
     */
    private boolean resumeInterrupted(String ds) throws NodeFailure {
        stage = RunStage.SEND;
        java.util.Optional<String> token = target.resumeToken(ds);
        if (token.isEmpty()) {
            return false;
        }
        try {
            long bytes = Transfer.relay(
                    source.shell(),
                    source.resumeSendCommand(token.get()),
                    target.shell(),
                    target.receiveCommand(ds, false),
                    job.rateBytesPerSecond(),
                    cancelled,
                    b -> {});
            LOG.info("{}: resumed an interrupted receive of {} ({} bytes)", subject, ds, bytes);
            return true;
        } catch (NodeFailure e) {
            if (cancelled.get()) {
                throw e;
            }
            LOG.info("{}: cannot resume {} ({}); starting over", subject, ds, e.getMessage());
            target.abortPartialReceive(ds);
            return false;
        }
    }

    static void quietAtimeOff(ZfsNode node, String ds) {
        try {
            node.atimeOff(ds);
        } catch (NodeFailure e) {
            LOG.warn("cannot set atime=off on {} of {}: {}", ds, node.name(), e.getMessage());
        }
    }

    private void prune(String ds, DatasetInventory src, DatasetInventory tgt) {
        prune(Pruner.plan(job.jobId(), src, tgt), source, target, ds, events, subject);
    }

    /** Destroys what the plan names on each side, publishing each destruction; a failure only warns. */
    static void prune(
            Pruner.PrunePlan plan, ZfsNode source, ZfsNode target, String ds, RunEvents events, String subject) {
        for (String s : plan.source()) {
            destroyQuietly(source, ds, s, events, subject);
        }
        for (String s : plan.target()) {
            destroyQuietly(target, ds, s, events, subject);
        }
    }

    private static void destroyQuietly(ZfsNode node, String ds, String snap, RunEvents events, String subject) {
        try {
            node.destroySnapshot(ds, snap);
            events.fact(EventType.SNAPSHOT_DESTROYED, subject, new SnapshotData(node.name(), ds, snap, null, null));
        } catch (NodeFailure e) {
            // pvesr too only warns when an old snapshot cannot go; the next run tries again
            LOG.warn("{}: cannot destroy {}@{} on {}: {}", subject, ds, snap, node.name(), e.getMessage());
        }
    }

    /** inventory.reported for both sides of every dataset (subject = job key). */
    public void reportInventories() {
        for (String ds : job.datasets()) {
            report(source, InventoryData.SOURCE, ds);
            report(target, InventoryData.TARGET, ds);
        }
    }

    private void report(ZfsNode node, String role, String ds) {
        try {
            DatasetInventory inv = node.inventory(ds);
            events.fact(
                    EventType.INVENTORY_REPORTED,
                    subject,
                    new InventoryData(node.name(), role, ds, inv.exists(), inv.snapshotEvents()));
        } catch (NodeFailure e) {
            LOG.info("{}: no inventory of {} on {}: {}", subject, ds, node.name(), e.getMessage());
        }
    }

    private RunOutcome fail(ErrorClass errorClass, String message, String snap, List<String> created, int failCount) {
        RunStage failedStage = stage;
        LOG.warn("{}: failed in stage {} ({}): {}", subject, failedStage, errorClass, message);
        // this run's snapshot is useless unless it reached the target; the next run takes a new one
        for (String ds : created) {
            try {
                DatasetInventory t = target.inventory(ds);
                if (t.byName(snap).isEmpty()) {
                    source.destroySnapshot(ds, snap);
                    events.fact(
                            EventType.SNAPSHOT_DESTROYED,
                            subject,
                            new SnapshotData(source.name(), ds, snap, null, null));
                }
            } catch (NodeFailure e) {
                LOG.debug("{}: leaving {}@{} for the next run: {}", subject, ds, snap, e.getMessage());
            }
        }
        events.fact(
                EventType.JOB_FAILED,
                subject,
                new JobFailedData(
                        runId,
                        source.name(),
                        target.name(),
                        failedStage,
                        errorClass,
                        message == null ? "" : message,
                        failCount + 1));
        return new RunOutcome.Failed(failedStage, errorClass, message);
    }
}
