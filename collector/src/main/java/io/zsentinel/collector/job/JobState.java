package io.zsentinel.collector.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.zsentinel.collector.finding.Episode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the collector has learnt about one job from events: the value of the
 * {@code collector-jobs} store. Filled by {@link JobFacts}, read by {@link JobEvaluator}.
 * Times are epoch millis (compact JSON). Public fields for the store's JSON; null fields are left
 * out of it (here and in {@link Inventory}, {@link Transfer}, {@code Snapshot}) because a job's state is
 * rewritten on every event, and an absent field reads back as null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class JobState {
    public String job;
    public long firstSeenMs;

    /** From heartbeats (the executor owning the job) and job events. */
    public String executor;
    public String source;
    public String target;
    public String schedule;
    public Boolean enabled;
    public long rpoTargetSeconds;
    public Long nextRunMs;
    public Long unscheduledSinceMs;
    /**
     * The time of the first heartbeat that said a run or a resync of the job is in progress; null once
     * one says none is. {@link JobFacts#running} tells whether it is still the current run.
     */
    public Long runningSinceMs;
    public List<String> datasets = new ArrayList<>();

    /** Inventories by dataset name. */
    public Map<String, Inventory> sourceInventory = new TreeMap<>();
    public Map<String, Inventory> targetInventory = new TreeMap<>();

    /** The last job.succeeded. */
    public Long lastSuccessMs;
    public Long syncPointMs;
    public String syncSnapshot;
    public Long durationMs;
    public Long lastTryMs;

    /** The last job.failed (kept after a success for the record; {@code failCount} says whether it is current). */
    public Long lastFailureMs;
    public String lastErrorClass;
    public String lastError;
    public String lastStage;
    public int failCount;
    /**
     * When a run last declared the chain lost (CHAIN_BROKEN, DEST_MODIFIED); null once a run
     * succeeded since. A later failure of another kind (a resync that met a busy dataset) does
     * not make the chain whole again.
     */
    public Long chainLostMs;
    /** That run's failure, {@code <class> at <stage>: <message>}. */
    public String chainLostBy;

    public Transfer transfer;
    /** When the last transfer ended (its send.completed or receive.completed). */
    public Long transferEndedMs;

    /** When the next scheduled restore drill is (or was) due, per the heartbeat; null: no drill schedule. */
    public Long drillDueMs;
    /** The last restore drill: when it was reported, its id, and why it failed (null when it completed). */
    public Long lastDrillMs;
    public String lastDrillId;
    public String lastDrillReason;
    public String lastDrillDetail;

    /** Active findings by name. */
    public Map<String, Episode> findings = new TreeMap<>();
}
