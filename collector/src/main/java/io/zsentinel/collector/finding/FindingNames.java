package io.zsentinel.collector.finding;

/** The finding names of the findings contract (the {@code alertname} label). */
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

    private FindingNames() {}
}
