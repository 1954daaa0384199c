package io.zsentinel.alerting.service;

import static io.zsentinel.alerting.support.Findings.finding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.zsentinel.alerting.AlertingService;
import io.zsentinel.alerting.support.FakeTrapper;
import io.zsentinel.alerting.support.Findings;
import io.zsentinel.alerting.support.ServiceFixture;
import io.zsentinel.alerting.zabbix.ZabbixKeys;
import io.zsentinel.broker.EmbeddedKafka;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.EventType;
import io.zsentinel.events.data.AuditData;
import io.zsentinel.events.kafka.TopicAdmin;
import io.zsentinel.events.kafka.Topics;
import io.zsentinel.events.state.JobStatus;
import io.zsentinel.events.state.PoolStatus;
import io.zsentinel.testkit.kafka.KafkaBrokerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaBrokerExtension.class)
class ZabbixServiceTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void pushesDiscoveryItemsFromTheStateTopicAndFindings(EmbeddedKafka kafka, @TempDir Path dir) throws Exception {
        Topics topics = new Topics(KafkaBrokerExtension.uniquePrefix("zabbix"));
        String bootstrap = kafka.bootstrapServers();
        Instant now = Instant.now();
        JobStatus job = new JobStatus(
                "lab/101-0",
                "pve1",
                "pve2",
                "ex1",
                true,
                "*/15",
                now.minusSeconds(1260),
                null,
                null,
                null,
                null,
                0,
                null,
                null,
                "OK",
                1260L,
                360,
                "BROKEN",
                2,
                4096L,
                null,
                now);
        PoolStatus pool = new PoolStatus(
                "lab/pve2/rpool", "lab", "pve2", "rpool", 1000, 900, 100, "ONLINE", -0.1, null, null, 1000L, 12, now);
        try (FakeTrapper trapper = new FakeTrapper(Set.of("Lab"));
                Findings collector = new Findings(bootstrap, topics)) {
            TopicAdmin.ensure(bootstrap, topics);
            collector.publishRaw(topics.state(), job.job(), EventCodec.mapper().writeValueAsBytes(job));
            collector.publishRaw(
                    topics.state(), pool.pool(), EventCodec.mapper().writeValueAsBytes(pool));
            try (AlertingService service = ServiceFixture.start(
                    ServiceFixture.config("""
                    http: {port: 0}
                    route: {receiver: zbx, groupWait: 0s, groupInterval: 1s}
                    receivers:
                      zbx:
                        zabbix:
                          server: 127.0.0.1
                          port: %d
                          hosts: {lab: Lab}
                          compress: true
                          sendInterval: 1s
                          maxAttempts: 1
                    """.formatted(trapper.port()), Map.of()),
                    bootstrap,
                    topics,
                    vertx,
                    Map.of(),
                    dir)) {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> !trapper.byKey(ZabbixKeys.POOL_SECONDS_TO_FULL)
                                        .isEmpty()
                                && !trapper.byKey(ZabbixKeys.JOBS_DISCOVERY).isEmpty());
                assertThat(trapper.byKey(ZabbixKeys.JOBS_DISCOVERY).get(0).value())
                        .contains("\"{#JOB}\":\"lab/101-0\"");
                assertThat(trapper.byKey(ZabbixKeys.POOLS_DISCOVERY).get(0).value())
                        .contains("\"{#POOL}\":\"lab/pve2/rpool\"");
                assertThat(trapper.byKey("zsentinel.job.chain[lab/101-0]"))
                        .extracting(FakeTrapper.Value::value)
                        .contains("BROKEN");
                assertThat(trapper.byKey("zsentinel.pool.seconds.to80[lab/pve2/rpool]"))
                        .extracting(FakeTrapper.Value::value)
                        .contains("-1");
                assertThat(trapper.byKey(ZabbixKeys.HEARTBEAT)).isNotEmpty();
                assertThat(trapper.values).extracting(FakeTrapper.Value::host).containsOnly("Lab");

                // a finding for a host Zabbix knows is delivered; one for an unknown host is rejected, not retried
                collector.publish(finding("chain.broken", "firing", now, Map.of(), "cluster=lab", "job=lab/101-0"));
                collector.publish(finding("space.low", "firing", now, Map.of(), "cluster=other", "poolkey=other/n/p"));
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> !trapper.byKey(ZabbixKeys.FINDING).isEmpty());
                assertThat(trapper.byKey(ZabbixKeys.FINDING).get(0).value()).startsWith("FIRING critical chain.broken");
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> collector.read(topics.audit()).stream()
                                .filter(e -> e.type() == EventType.AUDIT)
                                .map(e -> e.data(AuditData.class))
                                .anyMatch(a -> "rejected_values".equals(a.reason())));
            }
        }
    }
}
