package io.zsentinel.alerting.service;

import static io.zsentinel.alerting.support.Findings.finding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.zsentinel.alerting.AlertingService;
import io.zsentinel.alerting.resync.ResyncPolicy;
import io.zsentinel.alerting.support.Findings;
import io.zsentinel.alerting.support.ServiceFixture;
import io.zsentinel.alerting.support.WebhookReceiver;
import io.zsentinel.broker.EmbeddedKafka;
import io.zsentinel.events.CommandSigner;
import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventType;
import io.zsentinel.events.data.AuditData;
import io.zsentinel.events.data.CommandData;
import io.zsentinel.events.data.FindingData;
import io.zsentinel.events.kafka.Topics;
import io.zsentinel.testkit.kafka.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
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
class ResyncServiceTest {
    private static final String COMMAND_SECRET = "a-command-secret-of-32-bytes-ok!";
    private final Vertx vertx = Vertx.vertx();
    private final byte[] key = new byte[32];
    private final Map<String, String> env;

    ResyncServiceTest() {
        new SecureRandom().nextBytes(key);
        env = Map.of("HOOK_SECRET", "whsec_" + Base64.getEncoder().encodeToString(key), "CMD_SECRET", COMMAND_SECRET);
    }

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void ordersOneSignedResyncPerEpisodeAndRefusesAndAlertsWithoutSpace(EmbeddedKafka kafka, @TempDir Path dir) {
        Topics topics = new Topics(KafkaBrokerExtension.uniquePrefix("resync"));
        String bootstrap = kafka.bootstrapServers();
        Instant episode = Instant.now().minusSeconds(120);
        FindingData broken = finding(
                "chain.broken",
                "firing",
                episode,
                Map.of("source_bytes", "1000", "target_free_bytes", "5000", "chain", "BROKEN"),
                "cluster=lab",
                "job=lab/101-0",
                "node=pve1",
                "target=pve2",
                "executor=ex1");
        FindingData brokenNoSpace = finding(
                "chain.broken",
                "firing",
                episode,
                Map.of("source_bytes", "1000", "target_free_bytes", "1200"),
                "cluster=lab",
                "job=lab/102-0",
                "node=pve1",
                "target=pve2");
        FindingData notAllowed = finding(
                "chain.broken",
                "firing",
                episode,
                Map.of(),
                "cluster=prod",
                "job=prod/300-0",
                "node=pve7",
                "target=pve8");
        try (WebhookReceiver receiver = new WebhookReceiver(vertx, key, 0, 204, null);
                Findings collector = new Findings(bootstrap, topics);
                AlertingService service = ServiceFixture.start(
                        ServiceFixture.config("""
                        id: a
                        http: {port: 0}
                        route:
                          receiver: hook
                          groupBy: ['...']
                          groupWait: 0s
                          groupInterval: 1s
                        receivers:
                          hook:
                            webhook: {url: %s, secret: {env: HOOK_SECRET}}
                        resync:
                          enabled: true
                          jobs: [lab/*]
                          coolDown: 1h
                          maxConcurrent: 2
                          commandExpiry: 10m
                          secret: {env: CMD_SECRET}
                        """.formatted(receiver.url()), env),
                        bootstrap,
                        topics,
                        vertx,
                        env,
                        dir)) {
            collector.publish(broken);
            collector.publish(broken);
            collector.publish(notAllowed);
            collector.publish(brokenNoSpace);

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> receiver.requests.stream()
                            .anyMatch(r -> r.body().encode().contains("resync.refused")));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> audits(collector, topics).stream()
                            .anyMatch(a -> a.action().equals("resync.refused")));
            List<Envelope> commands = collector.read(topics.commands());
            assertThat(commands).hasSize(1);
            Envelope command = commands.get(0);
            assertThat(command.type()).isEqualTo(EventType.COMMAND_RESYNC);
            assertThat(command.subject()).isEqualTo("lab/101-0");
            CommandData data = command.data(CommandData.class);
            assertThat(data.action()).isEqualTo(CommandData.RESYNC);
            assertThat(data.job()).isEqualTo("lab/101-0");
            assertThat(data.issuedBy()).isEqualTo("alerting/a");
            assertThat(data.commandId()).isEqualTo(ResyncPolicy.commandId("lab/101-0", episode));
            assertThat(Duration.between(data.issuedAt(), data.expiresAt())).isEqualTo(Duration.ofMinutes(10));
            assertThat(new CommandSigner(COMMAND_SECRET.getBytes(StandardCharsets.UTF_8)).verify(data, Instant.now()))
                    .isEqualTo(CommandSigner.Verdict.VALID);

            List<AuditData> audits = audits(collector, topics);
            assertThat(audits)
                    .filteredOn(a -> a.action().equals("command.issued"))
                    .singleElement()
                    .satisfies(a -> assertThat(a.attributes()).containsEntry("command_id", data.commandId()));
            assertThat(audits)
                    .filteredOn(a -> a.action().equals("resync.refused"))
                    .singleElement()
                    .satisfies(a -> {
                        assertThat(a.subject()).isEqualTo("lab/102-0");
                        assertThat(a.reason()).isEqualTo("no_space");
                    });
            // the refusal notification names the job and is critical
            var refusal = receiver.requests.stream()
                    .map(WebhookReceiver.Request::body)
                    .filter(b -> b.encode().contains("resync.refused"))
                    .findFirst()
                    .orElseThrow()
                    .getJsonArray("alerts")
                    .getJsonObject(0);
            assertThat(refusal.getString("severity")).isEqualTo("critical");
            assertThat(refusal.getJsonObject("labels").getString("job")).isEqualTo("lab/102-0");
        }
    }

    private static List<AuditData> audits(Findings collector, Topics topics) {
        return collector.read(topics.audit()).stream()
                .filter(e -> e.type() == EventType.AUDIT)
                .map(e -> e.data(AuditData.class))
                .toList();
    }
}
