package io.zsentinel.collector.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.zsentinel.collector.Frozen;
import io.zsentinel.collector.finding.Episode;
import io.zsentinel.events.data.ErrorClass;
import io.zsentinel.events.data.RunStage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything the collector has learnt about one job from events: the value of the
 * {@code collector-jobs} store. Made by {@link JobFacts}, read by {@link JobEvaluator}.
 *
 * <p>Immutable: a fold makes the next state from the previous one ({@link #toBuilder}), so an event
 * that fails half-way leaves nothing behind, and the store and the fold can share a state. A change
 * copies the fields (references) and only the map it changes; the inventories and episodes are shared.
 *
 * <p>Times are epoch millis (compact JSON). Public fields for the store's JSON; null fields are left
 * out of it (here and in {@link Inventory}, {@link Transfer}, {@code Snapshot}) because a job's state is
 * rewritten on every event, and an absent field reads back as null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class JobState {
    public final String job;
    public final long firstSeenMs;

    /** From heartbeats (the executor owning the job) and job events. */
    public final String executor;

    public final String source;
    public final String target;
    public final String schedule;
    public final Boolean enabled;
    public final long rpoTargetSeconds;
    public final Long nextRunMs;
    public final Long unscheduledSinceMs;
    /**
     * The time of the first heartbeat that said a run or a resync of the job is in progress; null once
     * one says none is. {@link JobFacts#running} tells whether it is still the current run.
     */
    public final Long runningSinceMs;

    public final List<String> datasets;

    /** Inventories by dataset name. */
    public final SortedMap<String, Inventory> sourceInventory;

    public final SortedMap<String, Inventory> targetInventory;

    /** The last job.succeeded. */
    public final Long lastSuccessMs;

    public final Long syncPointMs;
    public final String syncSnapshot;
    public final Long durationMs;
    public final Long lastTryMs;

    /** The last job.failed (kept after a success for the record; {@code failCount} says whether it is current). */
    public final Long lastFailureMs;

    public final ErrorClass lastErrorClass;
    public final String lastError;
    public final RunStage lastStage;
    public final int failCount;
    /**
     * When a run last declared the chain lost (CHAIN_BROKEN, DEST_MODIFIED); null once a run
     * succeeded since. A later failure of another kind (a resync that met a busy dataset) does
     * not make the chain whole again.
     */
    public final Long chainLostMs;
    /** That run's failure, {@code <class> at <stage>: <message>}. */
    public final String chainLostBy;

    public final Transfer transfer;
    /** When the last transfer ended (its send.completed or receive.completed). */
    public final Long transferEndedMs;

    /** When the next scheduled restore drill is (or was) due, per the heartbeat; null: no drill schedule. */
    public final Long drillDueMs;
    /** The last restore drill: when it was reported, its id, and why it failed (null when it completed). */
    public final Long lastDrillMs;

    public final String lastDrillId;
    public final String lastDrillReason;
    public final String lastDrillDetail;

    /** Active findings by name. */
    public final SortedMap<String, Episode> findings;

    private JobState(Builder b) {
        job = b.job;
        firstSeenMs = b.firstSeenMs;
        executor = b.executor;
        source = b.source;
        target = b.target;
        schedule = b.schedule;
        enabled = b.enabled;
        rpoTargetSeconds = b.rpoTargetSeconds;
        nextRunMs = b.nextRunMs;
        unscheduledSinceMs = b.unscheduledSinceMs;
        runningSinceMs = b.runningSinceMs;
        datasets = b.datasets == null ? List.of() : List.copyOf(b.datasets);
        sourceInventory = Frozen.sorted(b.sourceInventory);
        targetInventory = Frozen.sorted(b.targetInventory);
        lastSuccessMs = b.lastSuccessMs;
        syncPointMs = b.syncPointMs;
        syncSnapshot = b.syncSnapshot;
        durationMs = b.durationMs;
        lastTryMs = b.lastTryMs;
        lastFailureMs = b.lastFailureMs;
        lastErrorClass = b.lastErrorClass;
        lastError = b.lastError;
        lastStage = b.lastStage;
        failCount = b.failCount;
        chainLostMs = b.chainLostMs;
        chainLostBy = b.chainLostBy;
        transfer = b.transfer;
        transferEndedMs = b.transferEndedMs;
        drillDueMs = b.drillDueMs;
        lastDrillMs = b.lastDrillMs;
        lastDrillId = b.lastDrillId;
        lastDrillReason = b.lastDrillReason;
        lastDrillDetail = b.lastDrillDetail;
        findings = Frozen.sorted(b.findings);
    }

    /** The store's JSON reads into a {@link Builder}: the same fields, so a state stored before reads back. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static JobState fromJson(Builder b) {
        return b.build();
    }

    /** A builder holding this state's fields, for the next state. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** This state with the episodes that the findings lifecycle keeps; this one when they are the same. */
    public JobState withFindings(Map<String, Episode> next) {
        if (next.equals(findings)) {
            return this;
        }
        Builder b = toBuilder();
        b.findings = next;
        return b.build();
    }

    /** This state with {@code next} as its transfer; this one when it is the same. */
    public JobState withTransfer(Transfer next) {
        if (next == transfer) {
            return this;
        }
        Builder b = toBuilder();
        b.transfer = next;
        return b.build();
    }

    /**
     * The fields of a state to be, set one by one; {@link #build} freezes them (it copies a list or
     * map that is not frozen yet, so a builder may be changed and built again). A new builder's
     * collections may be filled in place; {@link #toBuilder}'s are the state's own, frozen: a change
     * replaces them ({@link Frozen#with}).
     */
    public static final class Builder {
        public String job;
        public long firstSeenMs;
        public String executor;
        public String source;
        public String target;
        public String schedule;
        public Boolean enabled;
        public long rpoTargetSeconds;
        public Long nextRunMs;
        public Long unscheduledSinceMs;
        public Long runningSinceMs;
        public List<String> datasets = new ArrayList<>();
        public Map<String, Inventory> sourceInventory = new TreeMap<>();
        public Map<String, Inventory> targetInventory = new TreeMap<>();
        public Long lastSuccessMs;
        public Long syncPointMs;
        public String syncSnapshot;
        public Long durationMs;
        public Long lastTryMs;
        public Long lastFailureMs;
        public ErrorClass lastErrorClass;
        public String lastError;
        public RunStage lastStage;
        public int failCount;
        public Long chainLostMs;
        public String chainLostBy;
        public Transfer transfer;
        public Long transferEndedMs;
        public Long drillDueMs;
        public Long lastDrillMs;
        public String lastDrillId;
        public String lastDrillReason;
        public String lastDrillDetail;
        public Map<String, Episode> findings = new TreeMap<>();

        public Builder() {}

        private Builder(JobState s) {
            job = s.job;
            firstSeenMs = s.firstSeenMs;
            executor = s.executor;
            source = s.source;
            target = s.target;
            schedule = s.schedule;
            enabled = s.enabled;
            rpoTargetSeconds = s.rpoTargetSeconds;
            nextRunMs = s.nextRunMs;
            unscheduledSinceMs = s.unscheduledSinceMs;
            runningSinceMs = s.runningSinceMs;
            datasets = s.datasets;
            sourceInventory = s.sourceInventory;
            targetInventory = s.targetInventory;
            lastSuccessMs = s.lastSuccessMs;
            syncPointMs = s.syncPointMs;
            syncSnapshot = s.syncSnapshot;
            durationMs = s.durationMs;
            lastTryMs = s.lastTryMs;
            lastFailureMs = s.lastFailureMs;
            lastErrorClass = s.lastErrorClass;
            lastError = s.lastError;
            lastStage = s.lastStage;
            failCount = s.failCount;
            chainLostMs = s.chainLostMs;
            chainLostBy = s.chainLostBy;
            transfer = s.transfer;
            transferEndedMs = s.transferEndedMs;
            drillDueMs = s.drillDueMs;
            lastDrillMs = s.lastDrillMs;
            lastDrillId = s.lastDrillId;
            lastDrillReason = s.lastDrillReason;
            lastDrillDetail = s.lastDrillDetail;
            findings = s.findings;
        }

        public JobState build() {
            return new JobState(this);
        }
    }
}
