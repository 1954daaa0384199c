package io.zsentinel.alerting.zabbix;

import static io.zsentinel.alerting.zabbix.ZabbixKeys.key;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.zsentinel.alerting.model.Alert;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.JobKey;
import io.zsentinel.events.state.JobStatus;
import io.zsentinel.events.state.PoolStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns job and pool status into trapper values and LLD arrays. Pure. Numbers that are not
 * known (no sync yet, a trend that never reaches the level) are sent as -1 so that triggers
 * see a current value rather than a stale one.
 */
public final class ZabbixItems {
    private ZabbixItems() {}

    public static List<ZabbixValue> jobValues(JobStatus job, HostMapping hosts, Instant now) {
        String host = hosts.forJob(cluster(job.job()), job.source());
        String k = job.job();
        List<ZabbixValue> values = new ArrayList<>();
        long rpo = job.lastSync() != null
                ? Math.max(0, Duration.between(job.lastSync(), now).toSeconds())
                : job.effectiveRpoSeconds() != null ? job.effectiveRpoSeconds() : -1;
        values.add(new ZabbixValue(host, key(ZabbixKeys.JOB_RPO, k), Long.toString(rpo), now));
        values.add(
                new ZabbixValue(host, key(ZabbixKeys.JOB_RPO_TARGET, k), Long.toString(job.rpoTargetSeconds()), now));
        values.add(new ZabbixValue(
                host, key(ZabbixKeys.JOB_CHAIN, k), job.chain() == null ? "UNKNOWN" : job.chain(), now));
        values.add(new ZabbixValue(
                host,
                key(ZabbixKeys.JOB_BACKLOG_SNAPSHOTS, k),
                Long.toString(job.backlogSnapshots() == null ? -1 : job.backlogSnapshots()),
                now));
        values.add(new ZabbixValue(
                host,
                key(ZabbixKeys.JOB_BACKLOG_BYTES, k),
                Long.toString(job.backlogBytes() == null ? -1 : job.backlogBytes()),
                now));
        values.add(new ZabbixValue(
                host,
                key(ZabbixKeys.JOB_ERROR_CLASS, k),
                job.lastErrorClass() == null || job.lastErrorClass().isBlank() ? "NONE" : job.lastErrorClass(),
                now));
        return values;
    }

    public static List<ZabbixValue> poolValues(PoolStatus pool, HostMapping hosts, Instant now) {
        String host = hosts.forPool(pool.cluster(), pool.node());
        String k = pool.pool();
        return List.of(
                new ZabbixValue(host, key(ZabbixKeys.POOL_FREE, k), Long.toString(pool.free()), now),
                new ZabbixValue(host, key(ZabbixKeys.POOL_SIZE, k), Long.toString(pool.size()), now),
                new ZabbixValue(host, key(ZabbixKeys.POOL_SECONDS_TO_80, k), orMinusOne(pool.secondsTo80()), now),
                new ZabbixValue(host, key(ZabbixKeys.POOL_SECONDS_TO_95, k), orMinusOne(pool.secondsTo95()), now),
                new ZabbixValue(host, key(ZabbixKeys.POOL_SECONDS_TO_FULL, k), orMinusOne(pool.secondsToFull()), now));
    }

    /** One LLD value per host and rule: the JSON array of macros. */
    public static List<ZabbixValue> discovery(
            Collection<JobStatus> jobs, Collection<PoolStatus> pools, HostMapping hosts, Instant now) {
        Map<String, List<Map<String, String>>> jobRows = new TreeMap<>();
        for (JobStatus job : jobs) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put(ZabbixKeys.JOB_MACRO, job.job());
            row.put("{#CLUSTER}", cluster(job.job()));
            row.put("{#JOBID}", job.job().substring(job.job().indexOf('/') + 1));
            row.put("{#SOURCE}", job.source() == null ? "" : job.source());
            row.put("{#TARGET}", job.target() == null ? "" : job.target());
            jobRows.computeIfAbsent(hosts.forJob(cluster(job.job()), job.source()), h -> new ArrayList<>())
                    .add(row);
        }
        Map<String, List<Map<String, String>>> poolRows = new TreeMap<>();
        for (PoolStatus pool : pools) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put(ZabbixKeys.POOL_MACRO, pool.pool());
            row.put("{#CLUSTER}", pool.cluster());
            row.put("{#NODE}", pool.node());
            row.put("{#POOLNAME}", pool.name());
            poolRows.computeIfAbsent(hosts.forPool(pool.cluster(), pool.node()), h -> new ArrayList<>())
                    .add(row);
        }
        List<ZabbixValue> values = new ArrayList<>();
        jobRows.forEach((host, rows) -> values.add(new ZabbixValue(host, ZabbixKeys.JOBS_DISCOVERY, json(rows), now)));
        poolRows.forEach(
                (host, rows) -> values.add(new ZabbixValue(host, ZabbixKeys.POOLS_DISCOVERY, json(rows), now)));
        return values;
    }

    /** The heartbeat for every host alerting writes to. */
    public static List<ZabbixValue> heartbeats(Collection<String> hostNames, Instant now) {
        return hostNames.stream()
                .sorted()
                .distinct()
                .map(h -> new ZabbixValue(h, ZabbixKeys.HEARTBEAT, Long.toString(now.getEpochSecond()), now))
                .toList();
    }

    /** A finding as one line of the {@code zsentinel.finding} text item. */
    public static ZabbixValue finding(Alert alert, HostMapping hosts, Instant now) {
        String line = (alert.resolved() ? "RESOLVED" : "FIRING") + " " + alert.severity() + " " + alert.name() + " "
                + alert.fingerprint() + ": " + alert.summary();
        return new ZabbixValue(hosts.forLabels(alert.labels()), ZabbixKeys.FINDING, line, now);
    }

    private static String orMinusOne(Long value) {
        return Long.toString(value == null ? -1 : value);
    }

    private static String cluster(String jobKey) {
        try {
            return JobKey.parse(jobKey).cluster();
        } catch (IllegalArgumentException e) {
            int slash = jobKey.indexOf('/');
            return slash > 0 ? jobKey.substring(0, slash) : jobKey;
        }
    }

    private static String json(Object value) {
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
