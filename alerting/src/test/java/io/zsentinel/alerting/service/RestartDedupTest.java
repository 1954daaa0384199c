package io.zsentinel.alerting.service;

import static io.zsentinel.alerting.support.Findings.finding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.zsentinel.alerting.AlertingService;
import io.zsentinel.alerting.support.Findings;
import io.zsentinel.alerting.support.ServiceFixture;
import io.zsentinel.alerting.support.WebhookReceiver;
import io.zsentinel.broker.EmbeddedKafka;
import io.zsentinel.events.EventType;
import io.zsentinel.events.data.AuditData;
import io.zsentinel.events.data.FindingData;
import io.zsentinel.events.kafka.Topics;
import io.zsentinel.testkit.kafka.KafkaBrokerExtension;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaBrokerExtension.class)
class RestartDedupTest {
    private final Vertx vertx = Vertx.vertx();
    private final byte[] key = new byte[32];
    private final Map<String, String> env;

    RestartDedupTest() {
        new SecureRandom().nextBytes(key);
        env = Map.of("HOOK_SECRET", "whsec_" + Base64.getEncoder().encodeToString(key));
    }

    @AfterEach
    void close() {
        vertx.close().await();
    }

    private String yaml(String url, String groupWait, String id) {
        return """
                id: %s
                http: {port: 0}
                route:
                  receiver: hook
                  groupBy: [alertname, job]
                  groupWait: %s
                  groupInterval: 1s
                receivers:
                  hook:
                    webhook:
                      url: %s
                      secret: {env: HOOK_SECRET}
                      backoff: 50ms
                      maxBackoff: 200ms
                """.formatted(id, groupWait, url);
    }

    @Test
    void aRestartNeitherResendsWhatWasDeliveredNorForgetsWhatWasPending(EmbeddedKafka kafka, @TempDir Path dir) {
        Topics topics = new Topics(KafkaBrokerExtension.uniquePrefix("restart"));
        String bootstrap = kafka.bootstrapServers();
        String group = topics.prefix() + ".alerting.a";
        Instant t0 = Instant.now().minusSeconds(600);
        FindingData first = finding(
                "rpo.breached",
                "firing",
                t0,
                Map.of("rpo_seconds", "1260"),
                "cluster=lab",
                "job=lab/101-0",
                "node=pve1",
                "target=pve2");
        FindingData second = finding(
                "job.failing",
                "firing",
                Instant.now(),
                Map.of(),
                "cluster=lab",
                "job=lab/102-0",
                "node=pve1",
                "target=pve2");

        try (WebhookReceiver receiver = new WebhookReceiver(vertx, key, 0, 204, null);
                Findings collector = new Findings(bootstrap, topics)) {
            // 1. delivered once, and the offset is committed past it
            try (AlertingService service = ServiceFixture.start(
                    ServiceFixture.config(yaml(receiver.url(), "0s", "a"), env), bootstrap, topics, vertx, env, dir)) {
                collector.publish(first);
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests.size() == 1);
                await().atMost(Duration.ofSeconds(30)).until(() -> collector.committed(group) == 1);
            }
            // 2. a finding consumed but held by group_wait is not committed when the service stops
            try (AlertingService service = ServiceFixture.start(
                    ServiceFixture.config(yaml(receiver.url(), "1h", "a"), env), bootstrap, topics, vertx, env, dir)) {
                await().atMost(Duration.ofSeconds(30)).until(service::ready);
                collector.publish(second);
                await().during(Duration.ofSeconds(2))
                        .atMost(Duration.ofSeconds(5))
                        .until(() -> collector.committed(group) == 1);
            }
            assertThat(receiver.requests).hasSize(1);
            // 3. after the restart the pending one is delivered; the collector's re-send of the first is not
            try (AlertingService service = ServiceFixture.start(
                    ServiceFixture.config(yaml(receiver.url(), "0s", "a"), env), bootstrap, topics, vertx, env, dir)) {
                collector.publish(first);
                await().atMost(Duration.ofSeconds(30)).until(() -> collector.committed(group) == 3);
                assertThat(receiver.requests).hasSize(2);
                assertThat(receiver.requests
                                .get(1)
                                .body()
                                .getJsonArray("alerts")
                                .getJsonObject(0)
                                .getString("name"))
                        .isEqualTo("job.failing");
            }
            // 4. a fresh consumer group re-reads every finding from the start: the nflog still says "sent"
            String freshGroup = topics.prefix() + ".alerting.b";
            try (AlertingService service = ServiceFixture.start(
                    ServiceFixture.config(yaml(receiver.url(), "0s", "b"), env), bootstrap, topics, vertx, env, dir)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> collector.committed(freshGroup) == 3);
                assertThat(receiver.requests).hasSize(2);
                // and the resolution is news: delivered
                collector.publish(finding(
                        "rpo.breached",
                        "resolved",
                        t0,
                        Map.of(),
                        "cluster=lab",
                        "job=lab/101-0",
                        "node=pve1",
                        "target=pve2"));
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests.size() == 3);
                assertThat(receiver.requests.get(2).body().getString("status")).isEqualTo("resolved");
            }
            assertThat(receiver.requests).allMatch(WebhookReceiver.Request::signatureValid);

            List<AuditData> attempts = collector.read(topics.audit()).stream()
                    .filter(e -> e.type() == EventType.AUDIT)
                    .map(e -> e.data(AuditData.class))
                    .filter(a -> a.action().equals("notification.attempt"))
                    .toList();
            assertThat(attempts).hasSize(3).allSatisfy(a -> {
                assertThat(a.actor()).isEqualTo("hook");
                assertThat(a.outcome()).isEqualTo("success");
                assertThat(a.attributes())
                        .containsEntry("status_code", "204")
                        .containsEntry("attempt", "1")
                        .containsKey("group_key");
            });
        }
    }
}
