package io.zsentinel.alerting.zabbix;

import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.alerting.support.Alerts;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.state.JobStatus;
import io.zsentinel.events.state.PoolStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZabbixItemsTest {
    private static final Instant NOW = Instant.parse("2026-01-05T12:00:00Z");
    private final JobStatus job = new JobStatus(
            "lab/101-0",
            "pve1",
            "pve2",
            "ex1",
            true,
            "*/15",
            NOW.minusSeconds(1260),
            "__replicate_101-0_1__",
            null,
            null,
            null,
            2,
            "SSH_UNREACHABLE",
            "no route",
            "error",
            1000L,
            360,
            "AT_RISK",
            3,
            123456L,
            null,
            NOW.minusSeconds(30));
    private final PoolStatus pool = new PoolStatus(
            "lab/pve2/rpool", "lab", "pve2", "rpool", 1000, 900, 100, "ONLINE", -0.5, 3600L, null, 7200L, 20, NOW);

    @Test
    void jobItemsUseTheWallClockForTheRpo() {
        assertThat(ZabbixItems.jobValues(job, HostMapping.byCluster(), NOW))
                .extracting(ZabbixValue::key, ZabbixValue::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("zsentinel.job.rpo[lab/101-0]", "1260"),
                        org.assertj.core.groups.Tuple.tuple("zsentinel.job.rpo.target[lab/101-0]", "360"),
                        org.assertj.core.groups.Tuple.tuple("zsentinel.job.chain[lab/101-0]", "AT_RISK"),
                        org.assertj.core.groups.Tuple.tuple("zsentinel.job.backlog.snapshots[lab/101-0]", "3"),
                        org.assertj.core.groups.Tuple.tuple("zsentinel.job.backlog.bytes[lab/101-0]", "123456"),
                        org.assertj.core.groups.Tuple.tuple("zsentinel.job.error.class[lab/101-0]", "SSH_UNREACHABLE"));
    }

    @Test
    void poolItemsSendMinusOneForALevelTheTrendNeverReaches() {
        assertThat(ZabbixItems.poolValues(pool, HostMapping.byCluster(), NOW))
                .extracting(ZabbixValue::value)
                .containsExactly("100", "1000", "3600", "-1", "7200");
    }

    @Test
    void hostsFollowTheMapping() {
        HostMapping byNode = new HostMapping(HostMapping.By.NODE, Map.of("pve1", "pve1.example"));
        assertThat(ZabbixItems.jobValues(job, byNode, NOW))
                .extracting(ZabbixValue::host)
                .containsOnly("pve1.example");
        assertThat(ZabbixItems.poolValues(pool, byNode, NOW))
                .extracting(ZabbixValue::host)
                .containsOnly("pve2");
        assertThat(ZabbixItems.poolValues(
                        pool, new HostMapping(HostMapping.By.CLUSTER, Map.of("lab", "Lab cluster")), NOW))
                .extracting(ZabbixValue::host)
                .containsOnly("Lab cluster");
    }

    @Test
    void discoveryIsAJsonArrayOfMacrosPerHost() throws Exception {
        List<ZabbixValue> lld = ZabbixItems.discovery(List.of(job), List.of(pool), HostMapping.byCluster(), NOW);
        assertThat(lld)
                .extracting(ZabbixValue::key)
                .containsExactly(ZabbixKeys.JOBS_DISCOVERY, ZabbixKeys.POOLS_DISCOVERY);
        var jobs = EventCodec.mapper().readTree(lld.get(0).value());
        assertThat(jobs.isArray()).isTrue();
        assertThat(jobs.get(0).get("{#JOB}").asText()).isEqualTo("lab/101-0");
        assertThat(jobs.get(0).get("{#JOBID}").asText()).isEqualTo("101-0");
        assertThat(EventCodec.mapper()
                        .readTree(lld.get(1).value())
                        .get(0)
                        .get("{#POOL}")
                        .asText())
                .isEqualTo("lab/pve2/rpool");
    }

    @Test
    void aFindingIsOneLineOnItsClustersHost() {
        ZabbixValue v = ZabbixItems.finding(
                Alerts.firing("chain.broken", "cluster=lab", "job=lab/101-0"), HostMapping.byCluster(), NOW);
        assertThat(v.host()).isEqualTo("lab");
        assertThat(v.key()).isEqualTo(ZabbixKeys.FINDING);
        assertThat(v.value()).startsWith("FIRING critical chain.broken ");
    }
}
