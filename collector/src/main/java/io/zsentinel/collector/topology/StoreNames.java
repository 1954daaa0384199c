package io.zsentinel.collector.topology;

import java.util.List;

/**
 * The collector's state stores. Keys are strings, values the JSON of the type named below
 * ({@link JsonSerde}). The states and active findings are backed by changelog topics, so a restart
 * rebuilds them; the last published statuses are on the heap only and are published anew after a
 * restart (see {@code CollectorTopology}).
 */
public final class StoreNames {
    /** job key -> {@link io.zsentinel.collector.job.JobState} */
    public static final String JOBS = "collector-jobs";
    /** pool key -> {@link io.zsentinel.collector.pool.PoolState} */
    public static final String POOLS = "collector-pools";
    /** executor id -> {@link io.zsentinel.collector.heartbeat.ExecutorState} */
    public static final String EXECUTORS = "collector-executors";
    /** fingerprint -> the firing {@link io.zsentinel.events.data.FindingData} (active findings only) */
    public static final String FINDINGS = "collector-findings";
    /** job key -> the last published {@link io.zsentinel.events.state.JobStatus} */
    public static final String JOB_STATUS = "collector-job-status";
    /** pool key -> the last published {@link io.zsentinel.events.state.PoolStatus} */
    public static final String POOL_STATUS = "collector-pool-status";

    public static final List<String> ALL = List.of(JOBS, POOLS, EXECUTORS, FINDINGS, JOB_STATUS, POOL_STATUS);

    private StoreNames() {}
}
