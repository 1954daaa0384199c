package io.zsentinel.events.data;

/**
 * The findings contract's names (the {@code alertname} label), severities and the annotation keys
 * that consumers act on. The collector writes them, alerting and the command line read them: one
 * definition, so a rename cannot leave a reader behind.
 */
public final class FindingNames {
    public static final String RPO_BREACHED = "rpo.breached";
    public static final String CHAIN_AT_RISK = "chain.at_risk";
    public static final String CHAIN_BROKEN = "chain.broken";
    public static final String JOB_FAILING = "job.failing";
    public static final String JOB_STALLED = "job.stalled";
    public static final String DRILL_FAILED = "drill.failed";
    public static final String DRILL_OVERDUE = "drill.overdue";
    public static final String EXECUTOR_SILENT = "executor.silent";
    public static final String SPACE_LOW = "space.low";
    public static final String SPACE_FORECAST = "space.forecast";

    public static final String CRITICAL = "critical";
    public static final String WARNING = "warning";
    public static final String INFO = "info";

    /** On {@code chain.broken} and {@code space.low}: the source's bytes a full send would copy. */
    public static final String SOURCE_BYTES = "source_bytes";
    /** On {@code chain.broken} and {@code space.low}: the target pool's free bytes. */
    public static final String TARGET_FREE_BYTES = "target_free_bytes";

    private FindingNames() {}
}
