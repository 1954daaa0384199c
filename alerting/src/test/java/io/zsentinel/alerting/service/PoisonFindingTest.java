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
import io.zsentinel.events.kafka.Topics;
import io.zsentinel.testkit.kafka.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaBrokerExtension.class)
class PoisonFindingTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void anUnreadableRecordGoesToTheDlqAndDoesNotStopTheOthers(EmbeddedKafka kafka, @TempDir Path dir) {
        Topics topics = new Topics(KafkaBrokerExtension.uniquePrefix("poison"));
        String bootstrap = kafka.bootstrapServers();
        byte[] key = new byte[24];
        Map<String, String> env =
                Map.of("HOOK_SECRET", "whsec_" + Base64.getEncoder().encodeToString(key));
        try (WebhookReceiver receiver = new WebhookReceiver(vertx, key, 0, 204, null);
                Findings collector = new Findings(bootstrap, topics);
                AlertingService service = ServiceFixture.start(
                        ServiceFixture.config("""
                        id: p
                        http: {port: 0}
                        route: {receiver: hook, groupWait: 0s}
                        receivers: {hook: {webhook: {url: %s, secret: {env: HOOK_SECRET}}}}
                        """.formatted(receiver.url()), env),
                        bootstrap,
                        topics,
                        vertx,
                        env,
                        dir)) {
            collector.publishRaw(topics.findings(), "garbage", "{not json".getBytes(StandardCharsets.UTF_8));
            collector.publish(
                    finding("job.stalled", "firing", Instant.now(), Map.of(), "cluster=lab", "job=lab/101-0"));
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests.size() == 1);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> collector.committed(topics.prefix() + ".alerting.p") == 2);
            assertThat(dlqSize(bootstrap, topics.dlq())).isEqualTo(1);
        }
    }

    private static long dlqSize(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            return consumer.endOffsets(java.util.List.of(partition)).get(partition);
        }
    }
}
