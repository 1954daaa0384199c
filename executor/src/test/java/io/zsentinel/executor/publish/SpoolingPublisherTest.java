package io.zsentinel.executor.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zsentinel.broker.EmbeddedKafka;
import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.EventType;
import io.zsentinel.events.data.SnapshotData;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real broker of its own, stopped and restarted on the same data directory and port. */
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

    private static Envelope event(int i) {
        return Envelope.of(EventType.SNAPSHOT_CREATED, Envelope.source("executor", "test"), "lab/101-0",
                new SnapshotData("pve1", "rpool/data/x", "s" + i, "g" + i, Instant.EPOCH), Clock.systemUTC());
    }

    private static List<String> readAll(String bootstrap, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> snapshots = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(TOPIC, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    snapshots.add(EventCodec.decode(r.value()).data(SnapshotData.class).snapshot());
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
        try (SpoolingPublisher publisher = new SpoolingPublisher(kafka.bootstrapServers(), tmp.resolve("spool"), 1 << 20,
                new SimpleMeterRegistry())) {
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
            List<String> got = readAll(kafka.bootstrapServers(), 25);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                expected.add("s" + i);
            }
            // at least once: a resent batch may repeat, but nothing is lost and the order holds
            assertThat(got.stream().distinct().toList()).isEqualTo(expected);
        } finally {
            kafka.close();
        }
    }

    @Test
    void eventsSpooledBeforeARestartOfTheExecutorAreSentByTheNextOne() throws Exception {
        int port = freePort();
        Path spool = tmp.resolve("spool2");
        // no broker at all: everything stays in the spool
        try (SpoolingPublisher publisher = new SpoolingPublisher("127.0.0.1:" + port, spool, 1 << 20,
                new SimpleMeterRegistry())) {
            for (int i = 0; i < 3; i++) {
                publisher.publish(TOPIC, "lab/101-0", event(i));
            }
            assertThat(publisher.pendingBytes()).isPositive();
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(tmp.resolve("kafka2"), true, port);
                SpoolingPublisher publisher = new SpoolingPublisher(kafka.bootstrapServers(), spool, 1 << 20,
                        new SimpleMeterRegistry())) {
            assertThat(publisher.drain(Duration.ofSeconds(60))).isTrue();
            assertThat(readAll(kafka.bootstrapServers(), 3).stream().distinct().toList()).containsExactly("s0", "s1", "s2");
        }
    }
}
