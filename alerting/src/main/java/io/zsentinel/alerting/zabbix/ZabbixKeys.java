package io.zsentinel.alerting.zabbix;

import java.util.List;

/**
 * Every item key alerting sends, in one place; the template in {@code deploy/zabbix/} must
 * hold exactly these (a test checks). Job items take the job key ({@code lab/101-0}), pool
 * items the pool key ({@code lab/pve2/rpool}), so names never collide whatever the host mapping.
 */
public final class ZabbixKeys {
    public static final String JOBS_DISCOVERY = "zsentinel.jobs.discovery";
    public static final String POOLS_DISCOVERY = "zsentinel.pools.discovery";
    /** Unix time of alerting's last cycle: the template's dead man's switch. */
    public static final String HEARTBEAT = "zsentinel.alerting.heartbeat";
    /** One line per finding notified through the Zabbix receiver. */
    public static final String FINDING = "zsentinel.finding";

    public static final String JOB_RPO = "zsentinel.job.rpo";
    public static final String JOB_RPO_TARGET = "zsentinel.job.rpo.target";
    public static final String JOB_CHAIN = "zsentinel.job.chain";
    public static final String JOB_BACKLOG_SNAPSHOTS = "zsentinel.job.backlog.snapshots";
    public static final String JOB_BACKLOG_BYTES = "zsentinel.job.backlog.bytes";
    public static final String JOB_ERROR_CLASS = "zsentinel.job.error.class";

    public static final String POOL_FREE = "zsentinel.pool.free";
    public static final String POOL_SIZE = "zsentinel.pool.size";
    public static final String POOL_SECONDS_TO_80 = "zsentinel.pool.seconds.to80";
    public static final String POOL_SECONDS_TO_95 = "zsentinel.pool.seconds.to95";
    public static final String POOL_SECONDS_TO_FULL = "zsentinel.pool.seconds.tofull";

    public static final String JOB_MACRO = "{#JOB}";
    public static final String POOL_MACRO = "{#POOL}";

    public static final List<String> JOB_ITEMS =
            List.of(JOB_RPO, JOB_RPO_TARGET, JOB_CHAIN, JOB_BACKLOG_SNAPSHOTS, JOB_BACKLOG_BYTES, JOB_ERROR_CLASS);
    public static final List<String> POOL_ITEMS =
            List.of(POOL_FREE, POOL_SIZE, POOL_SECONDS_TO_80, POOL_SECONDS_TO_95, POOL_SECONDS_TO_FULL);
    public static final List<String> HOST_ITEMS = List.of(HEARTBEAT, FINDING);

    private ZabbixKeys() {}

    /** {@code name[param]}. */
    public static String key(String name, String param) {
        return name + "[" + param + "]";
    }

    /** The item prototype keys of the jobs discovery rule. */
    public static List<String> jobPrototypes() {
        return JOB_ITEMS.stream().map(k -> key(k, JOB_MACRO)).toList();
    }

    public static List<String> poolPrototypes() {
        return POOL_ITEMS.stream().map(k -> key(k, POOL_MACRO)).toList();
    }
}
