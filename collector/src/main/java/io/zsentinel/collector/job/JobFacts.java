package io.zsentinel.collector.job;

import io.zsentinel.chain.Snapshot;
import io.zsentinel.events.Envelope;
import io.zsentinel.events.data.DrillData;
import io.zsentinel.events.data.ErrorClass;
import io.zsentinel.events.data.EventData;
import io.zsentinel.events.data.HeartbeatData;
import io.zsentinel.events.data.InventoryData;
import io.zsentinel.events.data.JobFailedData;
import io.zsentinel.events.data.JobSucceededData;
import io.zsentinel.events.data.SendProgressData;
import io.zsentinel.events.data.SendStartedData;
import io.zsentinel.events.data.SnapshotData;
import io.zsentinel.events.data.TransferCompletedData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Folds a job's events into its {@link JobState}. Deterministic (the time is the event's own,
 * never later than {@code nowMs}, so a node with a fast clock cannot make data look fresher than
 * it is); no I/O.
 */
public final class JobFacts {
    private JobFacts() {}

    public static JobState newJob(String jobKey, long nowMs) {
        JobState s = new JobState();
        s.job = jobKey;
        s.firstSeenMs = nowMs;
        return s;
    }

    /** The time an event counts at: its own, capped at now. */
    public static long eventMs(Envelope e, long nowMs) {
        return Math.min(e.time().toEpochMilli(), nowMs);
    }

    /**
     * True when {@code e}, not yet applied, only reports progress of the transfer the job already
     * tracks: it can change the job's status by that progress and end a stall, nothing else.
     */
    public static boolean onlyProgress(JobState s, Envelope e) {
        return e.data() instanceof SendProgressData d && s.transfer != null && s.transfer.runId.equals(d.runId())
                && s.transfer.dataset.equals(d.dataset());
    }

    /** @return true when the event concerned the job and changed its state */
    public static boolean apply(JobState s, Envelope e, long nowMs) {
        long t = eventMs(e, nowMs);
        EventData data = e.data();
        if (data instanceof JobSucceededData d) {
            s.source = d.source();
            s.target = d.target();
            s.lastSuccessMs = t;
            s.syncPointMs = d.syncPoint().toEpochMilli();
            s.syncSnapshot = d.snapshot();
            s.durationMs = d.durationMs();
            s.lastTryMs = Math.max(t - d.durationMs(), s.lastTryMs == null ? 0 : s.lastTryMs);
            s.failCount = 0;
            s.lastError = null;
            s.chainLostMs = null;
            s.chainLostBy = null;
            if (!d.datasets().isEmpty() && s.datasets.isEmpty()) {
                s.datasets = new ArrayList<>(d.datasets());
            }
            s.transfer = null;
        } else if (data instanceof JobFailedData d) {
            s.source = d.source();
            s.target = d.target();
            s.lastFailureMs = t;
            s.lastErrorClass = d.errorClass().name();
            s.lastError = d.message();
            s.lastStage = d.stage().wireName();
            s.failCount = d.failCount() > 0 ? d.failCount() : s.failCount + 1;
            if (d.errorClass() == ErrorClass.CHAIN_BROKEN || d.errorClass() == ErrorClass.DEST_MODIFIED) {
                s.chainLostMs = t;
                s.chainLostBy = d.errorClass() + " at " + d.stage() + ": " + d.message();
            }
            s.transfer = null;
        } else if (data instanceof SendStartedData d) {
            Transfer tr = new Transfer();
            tr.runId = d.runId();
            tr.dataset = d.dataset();
            tr.startedMs = t;
            tr.estimatedBytes = d.estimatedBytes();
            tr.lastProgressMs = t;
            s.transfer = tr;
            s.lastTryMs = t;
        } else if (data instanceof SendProgressData d) {
            Transfer tr = s.transfer;
            if (tr == null || !tr.runId.equals(d.runId()) || !tr.dataset.equals(d.dataset())) {
                tr = new Transfer();
                tr.runId = d.runId();
                tr.dataset = d.dataset();
                tr.startedMs = t;
                tr.lastProgressMs = t;
                s.transfer = tr;
            }
            if (d.bytesDone() > tr.bytesDone) {
                tr.lastProgressMs = Math.max(tr.lastProgressMs, t);
            }
            tr.bytesDone = Math.max(tr.bytesDone, d.bytesDone());
            if (d.estimatedBytes() != null) {
                tr.estimatedBytes = d.estimatedBytes();
            }
            tr.bytesPerSecond = d.bytesPerSecond();
        } else if (data instanceof TransferCompletedData d) {
            if (s.transfer == null || !s.transfer.runId.equals(d.runId())) {
                return false;
            }
            s.transfer = null;
            s.transferEndedMs = t;
        } else if (data instanceof InventoryData d) {
            boolean sourceSide = InventoryData.SOURCE.equals(d.role());
            Map<String, Inventory> side = sourceSide ? s.sourceInventory : s.targetInventory;
            Inventory held = side.get(d.dataset());
            if (held != null && held.reportedMs > t) {
                // taken before what the job holds (a report that waited in a spool or a retry, or that crossed a
                // snapshot event): it would bring back destroyed snapshots or drop created ones
                return false;
            }
            side.put(d.dataset(), new Inventory(d.node(), d.exists(), t, d.snapshots().stream().map(Inventory::snapshot).toList()));
            if (sourceSide && s.source == null) {
                s.source = d.node();
            } else if (InventoryData.TARGET.equals(d.role()) && s.target == null) {
                s.target = d.node();
            }
        } else if (data instanceof SnapshotData d) {
            return applySnapshot(s, e, d, t);
        } else if (data instanceof DrillData d) {
            if (s.lastDrillMs != null && s.lastDrillMs > t) {
                return false; // an older drill's report, arriving late
            }
            s.lastDrillMs = t;
            s.lastDrillId = d.drillId();
            s.lastDrillReason = d.reason();
            s.lastDrillDetail = d.detail();
        } else {
            return false;
        }
        return true;
    }

    /** A snapshot created or destroyed on one side updates that side's inventory between full reports. */
    private static boolean applySnapshot(JobState s, Envelope e, SnapshotData d, long t) {
        Map<String, Inventory> side = d.node().equals(s.source) ? s.sourceInventory
                : d.node().equals(s.target) ? s.targetInventory : null;
        if (side == null) {
            return false;
        }
        Inventory inv = side.get(d.dataset());
        if (inv == null) {
            return false;
        }
        List<Snapshot> snaps = new ArrayList<>(inv.snapshots);
        boolean created = e.type() == io.zsentinel.events.EventType.SNAPSHOT_CREATED;
        snaps.removeIf(x -> x.name().equals(d.snapshot()) || (d.guid() != null && x.guid().equals(d.guid())));
        if (created) {
            if (d.guid() == null || d.creation() == null) {
                return false;
            }
            snaps.add(Snapshot.of(d.snapshot(), d.guid(), d.creation(), null, null, null));
        }
        side.put(d.dataset(), inv.with(snaps, Math.max(inv.reportedMs, t)));
        return true;
    }

    /** A heartbeat's view of the job: who owns it, its schedule and target. */
    public static boolean assign(JobState s, Assignment a) {
        HeartbeatData.JobInfo info = a.info();
        s.executor = a.executor();
        s.source = info.source();
        s.target = info.target();
        s.schedule = info.schedule();
        s.enabled = info.enabled();
        s.rpoTargetSeconds = info.rpoTargetSeconds();
        s.nextRunMs = info.nextRun() == null ? null : info.nextRun().toEpochMilli();
        s.drillDueMs = info.drillDue() == null ? null : info.drillDue().toEpochMilli();
        if (info.nextRun() == null && info.enabled()) {
            if (s.unscheduledSinceMs == null) {
                s.unscheduledSinceMs = a.timeMs();
            }
        } else {
            s.unscheduledSinceMs = null;
        }
        if (!info.datasets().isEmpty()) {
            s.datasets = new ArrayList<>(info.datasets());
        }
        if (!info.running()) {
            s.runningSinceMs = null;
        } else if (s.runningSinceMs == null || lastRunEndMs(s) >= s.runningSinceMs) {
            // the run that an earlier heartbeat reported has ended since: this one is about the next
            s.runningSinceMs = a.timeMs();
        }
        return true;
    }

    /**
     * True while the owning executor's heartbeat says a run or a resync is in progress and no run has
     * ended (job.succeeded or job.failed) since the heartbeat that first said so: the heartbeat that
     * says it is over may come up to an interval after the end, or, with several partitions, a heartbeat
     * sent before the end may be applied after it.
     */
    public static boolean running(JobState s) {
        return s.runningSinceMs != null && s.runningSinceMs > lastRunEndMs(s);
    }

    /** When the last run ended, successful or not; {@code Long.MIN_VALUE} when none is known. */
    public static long lastRunEndMs(JobState s) {
        return Math.max(s.lastSuccessMs == null ? Long.MIN_VALUE : s.lastSuccessMs,
                s.lastFailureMs == null ? Long.MIN_VALUE : s.lastFailureMs);
    }

    /** True when the last failure came after the last success: the job is failing now. */
    public static boolean failingNow(JobState s) {
        return s.lastFailureMs != null && (s.lastSuccessMs == null || s.lastFailureMs > s.lastSuccessMs);
    }

    /**
     * The chain was declared lost by the executor and no run succeeded since, whatever failed after
     * (a state stored before {@code chainLostMs} existed has only its last failure to tell).
     */
    public static boolean chainLostByFailure(JobState s) {
        if (s.chainLostMs != null && (s.lastSuccessMs == null || s.chainLostMs > s.lastSuccessMs)) {
            return true;
        }
        return failingNow(s) && (ErrorClass.CHAIN_BROKEN.name().equals(s.lastErrorClass)
                || ErrorClass.DEST_MODIFIED.name().equals(s.lastErrorClass));
    }
}
