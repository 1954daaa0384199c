package io.zsentinel.executor.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zsentinel.broker.EmbeddedKafka;
import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.EventType;
import io.zsentinel.events.data.SnapshotData;
import io.zsentinel.testkit.kafka.KafkaBrokerExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Real brokers: the outage tests start one of their own and stop and restart it on the same data
 * directory and port; the rejection test uses the run's shared broker.
 */
@ExtendWith(KafkaBrokerExtension.class)
class SpoolingPublisherTest {
    private static final String TOPIC = "spooltest.events";
    /** Past the bound, room for a loaded machine's scheduling; not a guess at how long Kafka takes. */
    private static final Duration SLACK = Duration.ofSeconds(15);

    @TempDir
    Path tmp;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Envelope event(String snapshot) {
        return Envelope.of(
                EventType.SNAPSHOT_CREATED,
                Envelope.source("executor", "test"),
                "lab/101-0",
                new SnapshotData("pve1", "rpool/data/x", snapshot, "g-" + snapshot.length(), Instant.EPOCH),
                Clock.systemUTC());
    }

    private static Envelope event(int i) {
        return event("s" + i);
    }

    private static SpoolingPublisher publisher(
            String bootstrap, Path spool, long maxBytes, SimpleMeterRegistry registry) {
        return new SpoolingPublisher(bootstrap, spool, maxBytes, registry, Clock.systemUTC());
    }

    private static List<String> readAll(String bootstrap, String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> snapshots = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    snapshots.add(EventCodec.decode(r.value())
                            .data(SnapshotData.class)
                            .snapshot());
                }
                return snapshots.stream().distinct().count() >= expected;
            });
        }
        return snapshots;
    }

    @Test
    void eventsPublishedWhileTheBrokerIsDownArriveInOrderAfterItReturns() throws Exception {
        int port = freePort();
        Path data = tmp.resolve("kafka");
        EmbeddedKafka kafka = EmbeddedKafka.start(data, false, port);
        try (SpoolingPublisher publisher =
                publisher(kafka.bootstrapServers(), tmp.resolve("spool"), 1 << 20, new SimpleMeterRegistry())) {
            for (int i = 0; i < 5; i++) {
                publisher.publish(TOPIC, "lab/101-0", event(i));
            }
            assertThat(publisher.drain(Duration.ofSeconds(60))).isTrue();
            assertThat(publisher.connected()).isTrue();

            kafka.close();
            for (int i = 5; i < 25; i++) {
                publisher.publish(TOPIC, "lab/101-0", event(i));
            }
            // The broker comes back only once the publisher gave up on it, so that these events go
            // through the spool's own retry (a new producer), not just the old producer's buffer.
            // Readiness promises that moment within OUTAGE_NOTICED_WITHIN, however many events wait.
            await().atMost(SpoolingPublisher.OUTAGE_NOTICED_WITHIN.plus(SLACK)).until(() -> !publisher.connected());
            assertThat(publisher.pendingBytes()).isPositive();

            kafka = EmbeddedKafka.start(data, false, port);
            assertThat(publisher.drain(Duration.ofSeconds(90))).isTrue();
            List<String> got = readAll(kafka.bootstrapServers(), TOPIC, 25);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                expected.add("s" + i);
            }
            // at least once: a resent batch may repeat, but nothing is lost and the order holds
            assertThat(got.stream().distinct().toList()).isEqualTo(expected);
            assertThat(Files.size(publisher.rejectedFile())).isZero();
        } finally {
            kafka.close();
        }
    }

    @Test
    void eventsSpooledBeforeARestartOfTheExecutorAreSentByTheNextOne() throws Exception {
        int port = freePort();
        Path spool = tmp.resolve("spool2");
        // no broker at all: everything stays in the spool
        try (SpoolingPublisher publisher = publisher("127.0.0.1:" + port, spool, 1 << 20, new SimpleMeterRegistry())) {
            for (int i = 0; i < 3; i++) {
                publisher.publish(TOPIC, "lab/101-0", event(i));
            }
            assertThat(publisher.pendingBytes()).isPositive();
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(tmp.resolve("kafka2"), true, port);
                SpoolingPublisher publisher =
                        publisher(kafka.bootstrapServers(), spool, 1 << 20, new SimpleMeterRegistry())) {
            assertThat(publisher.drain(Duration.ofSeconds(60))).isTrue();
            assertThat(readAll(kafka.bootstrapServers(), TOPIC, 3).stream()
                            .distinct()
                            .toList())
                    .containsExactly("s0", "s1", "s2");
        }
    }

    @Test
    void recordsKafkaRefusesAreSetAsideWithTheirReasonAndTheEventsBehindThemArriveInOrder(
            EmbeddedKafka kafka, TestInfo test) throws Exception {
        String topic = KafkaBrokerExtension.uniquePrefix(test.getDisplayName()) + ".events";
        // the broker refuses what is above the topic's limit; the producer itself what is above its max.request.size
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                            .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "65536"))))
                    .all()
                    .get();
        }
        String refusedByTheBroker = "b" + "x".repeat(100_000);
        String refusedByTheProducer = "h" + "x".repeat(2_000_000);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Logger log = (Logger) LoggerFactory.getLogger(SpoolingPublisher.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        log.addAppender(logged);
        try (SpoolingPublisher publisher =
                publisher(kafka.bootstrapServers(), tmp.resolve("spool3"), 16 << 20, registry)) {
            publisher.publish(topic, "lab/101-0", event("s0"));
            publisher.publish(topic, "lab/101-0", event(refusedByTheBroker));
            publisher.publish(topic, "lab/101-0", event("s2"));
            publisher.publish(topic, "lab/101-0", event(refusedByTheProducer));
            publisher.publish(topic, "lab/101-0", event("s4"));
            assertThat(publisher.drain(Duration.ofSeconds(90))).isTrue();

            assertThat(readAll(kafka.bootstrapServers(), topic, 3).stream()
                            .distinct()
                            .toList())
                    .containsExactly("s0", "s2", "s4");
            List<JsonNode> rejected = new ArrayList<>();
            for (String line : Files.readAllLines(publisher.rejectedFile())) {
                rejected.add(EventCodec.mapper().readTree(line));
            }
            assertThat(rejected)
                    .extracting(r -> r.get("value").get("data").get("snapshot").asText())
                    .containsExactly(refusedByTheBroker, refusedByTheProducer);
            assertThat(rejected).allSatisfy(r -> {
                assertThat(r.get("topic").asText()).isEqualTo(topic);
                assertThat(r.get("key").asText()).isEqualTo("lab/101-0");
                assertThat(r.get("reason").asText()).isEqualTo(RecordTooLargeException.class.getName());
                assertThat(r.get("message").asText()).isNotBlank();
                assertThat(Instant.parse(r.get("time").asText())).isBeforeOrEqualTo(Instant.now());
            });
            assertThat(registry.get(SpoolingPublisher.REJECTED_METRIC)
                            .tag("reason", "RecordTooLargeException")
                            .counter()
                            .count())
                    .isEqualTo(2.0);
            List<ILoggingEvent> events;
            synchronized (logged) {
                events = List.copyOf(logged.list);
            }
            assertThat(events)
                    .filteredOn(e -> e.getLevel() == Level.ERROR)
                    .singleElement()
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .asString()
                    .contains("RecordTooLargeException")
                    .contains(RejectedEvents.FILE_NAME);
        } finally {
            log.detachAppender(logged);
        }
    }
}
