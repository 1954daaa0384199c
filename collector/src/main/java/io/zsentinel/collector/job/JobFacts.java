package io.zsentinel.collector.job;

import io.zsentinel.chain.Snapshot;
import io.zsentinel.collector.Frozen;
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
 * Folds a job's events into its {@link JobState}: a function from the state before the event to the
 * state after it, which never changes the one it is given (a failing event leaves it as it was).
 * Deterministic (the time is the event's own, never later than {@code nowMs}, so a node with a fast
 * clock cannot make data look fresher than it is); no I/O.
 */
public final class JobFacts {
    private JobFacts() {}

    public static JobState newJob(String jobKey, long nowMs) {
        JobState.Builder b = new JobState.Builder();
        b.job = jobKey;
        b.firstSeenMs = nowMs;
        return b.build();
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
        return e.data() instanceof SendProgressData d
                && s.transfer != null
                && s.transfer.runId.equals(d.runId())
                && s.transfer.dataset.equals(d.dataset());
    }

    /**
     * @return the state after {@code e}; {@code s} itself (the same instance) when the event does not
     *     concern the job or changes nothing of it (a late report)
     */
    public static JobState apply(JobState s, Envelope e, long nowMs) {
        long t = eventMs(e, nowMs);
        EventData data = e.data();
        if (data instanceof JobSucceededData d) {
            return succeeded(s, d, t);
        } else if (data instanceof JobFailedData d) {
            return failed(s, d, t);
        } else if (data instanceof SendStartedData d) {
            JobState.Builder b = s.toBuilder();
            b.transfer = Transfer.started(d.runId(), d.dataset(), t, d.estimatedBytes());
            b.lastTryMs = t;
            return b.build();
        } else if (data instanceof SendProgressData d) {
            Transfer held = s.transfer;
            if (held == null || !held.runId.equals(d.runId()) || !held.dataset.equals(d.dataset())) {
                held = Transfer.started(d.runId(), d.dataset(), t, null);
            }
            return s.withTransfer(held.progressed(d.bytesDone(), d.estimatedBytes(), d.bytesPerSecond(), t));
        } else if (data instanceof TransferCompletedData d) {
            if (s.transfer == null || !s.transfer.runId.equals(d.runId())) {
                return s;
            }
            JobState.Builder b = s.toBuilder();
            b.transfer = null;
            b.transferEndedMs = t;
            return b.build();
        } else if (data instanceof InventoryData d) {
            return inventory(s, d, t);
        } else if (data instanceof SnapshotData d) {
            return snapshot(s, e, d, t);
        } else if (data instanceof DrillData d) {
            if (s.lastDrillMs != null && s.lastDrillMs > t) {
                return s; // an older drill's report, arriving late
            }
            JobState.Builder b = s.toBuilder();
            b.lastDrillMs = t;
            b.lastDrillId = d.drillId();
            b.lastDrillReason = d.reason();
            b.lastDrillDetail = d.detail();
            return b.build();
        }
        return s;
    }

    private static JobState succeeded(JobState s, JobSucceededData d, long t) {
        JobState.Builder b = s.toBuilder();
        b.source = d.source();
        b.target = d.target();
        b.lastSuccessMs = t;
        b.syncPointMs = d.syncPoint().toEpochMilli();
        b.syncSnapshot = d.snapshot();
        b.durationMs = d.durationMs();
        b.lastTryMs = Math.max(t - d.durationMs(), s.lastTryMs == null ? 0 : s.lastTryMs);
        b.failCount = 0;
        b.lastError = null;
        b.chainLostMs = null;
        b.chainLostBy = null;
        if (!d.datasets().isEmpty() && s.datasets.isEmpty()) {
            b.datasets = d.datasets();
        }
        b.transfer = null;
        return b.build();
    }

    private static JobState failed(JobState s, JobFailedData d, long t) {
        JobState.Builder b = s.toBuilder();
        b.source = d.source();
        b.target = d.target();
        b.lastFailureMs = t;
        b.lastErrorClass = d.errorClass();
        b.lastError = d.message();
        b.lastStage = d.stage();
        b.failCount = d.failCount() > 0 ? d.failCount() : s.failCount + 1;
        if (d.errorClass() == ErrorClass.CHAIN_BROKEN || d.errorClass() == ErrorClass.DEST_MODIFIED) {
            b.chainLostMs = t;
            b.chainLostBy = d.errorClass() + " at " + d.stage() + ": " + d.message();
        }
        b.transfer = null;
        return b.build();
    }

    private static JobState inventory(JobState s, InventoryData d, long t) {
        boolean sourceSide = InventoryData.SOURCE.equals(d.role());
        Map<String, Inventory> side = sourceSide ? s.sourceInventory : s.targetInventory;
        Inventory held = side.get(d.dataset());
        if (held != null && held.reportedMs > t) {
            // taken before what the job holds (a report that waited in a spool or a retry, or that crossed a
            // snapshot event): it would bring back destroyed snapshots or drop created ones
            return s;
        }
        Inventory reported = new Inventory(
                d.node(),
                d.exists(),
                t,
                d.snapshots().stream().map(Inventory::snapshot).toList());
        JobState.Builder b = s.toBuilder();
        if (sourceSide) {
            b.sourceInventory = Frozen.with(side, d.dataset(), reported);
        } else {
            b.targetInventory = Frozen.with(side, d.dataset(), reported);
        }
        if (sourceSide && s.source == null) {
            b.source = d.node();
        } else if (InventoryData.TARGET.equals(d.role()) && s.target == null) {
            b.target = d.node();
        }
        return b.build();
    }

    /** A snapshot created or destroyed on one side updates that side's inventory between full reports. */
    private static JobState snapshot(JobState s, Envelope e, SnapshotData d, long t) {
        boolean sourceSide = d.node().equals(s.source);
        Map<String, Inventory> side =
                sourceSide ? s.sourceInventory : d.node().equals(s.target) ? s.targetInventory : null;
        if (side == null) {
            return s;
        }
        Inventory inv = side.get(d.dataset());
        if (inv == null) {
            return s;
        }
        List<Snapshot> snaps = new ArrayList<>(inv.snapshots);
        boolean created = e.type() == io.zsentinel.events.EventType.SNAPSHOT_CREATED;
        snaps.removeIf(x ->
                x.name().equals(d.snapshot()) || (d.guid() != null && x.guid().equals(d.guid())));
        if (created) {
            if (d.guid() == null || d.creation() == null) {
                return s;
            }
            snaps.add(Snapshot.of(d.snapshot(), d.guid(), d.creation(), null, null, null));
        }
        Map<String, Inventory> next = Frozen.with(side, d.dataset(), inv.with(snaps, Math.max(inv.reportedMs, t)));
        JobState.Builder b = s.toBuilder();
        if (sourceSide) {
            b.sourceInventory = next;
        } else {
            b.targetInventory = next;
        }
        return b.build();
    }

    /** A heartbeat's view of the job: who owns it, its schedule and target. @return the state after it */
    public static JobState assign(JobState s, Assignment a) {
        HeartbeatData.JobInfo info = a.info();
        JobState.Builder b = s.toBuilder();
        b.executor = a.executor();
        b.source = info.source();
        b.target = info.target();
        b.schedule = info.schedule();
        b.enabled = info.enabled();
        b.rpoTargetSeconds = info.rpoTargetSeconds();
        b.nextRunMs = info.nextRun() == null ? null : info.nextRun().toEpochMilli();
        b.drillDueMs = info.drillDue() == null ? null : info.drillDue().toEpochMilli();
        if (info.nextRun() == null && info.enabled()) {
            if (s.unscheduledSinceMs == null) {
                b.unscheduledSinceMs = a.timeMs();
            }
        } else {
            b.unscheduledSinceMs = null;
        }
        if (!info.datasets().isEmpty()) {
            b.datasets = info.datasets();
        }
        if (!info.running()) {
            b.runningSinceMs = null;
        } else if (s.runningSinceMs == null || lastRunEndMs(s) >= s.runningSinceMs) {
            // the run that an earlier heartbeat reported has ended since: this one is about the next
            b.runningSinceMs = a.timeMs();
        }
        return b.build();
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
        return Math.max(
                s.lastSuccessMs == null ? Long.MIN_VALUE : s.lastSuccessMs,
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
        return failingNow(s)
                && (s.lastErrorClass == ErrorClass.CHAIN_BROKEN || s.lastErrorClass == ErrorClass.DEST_MODIFIED);
    }
}
