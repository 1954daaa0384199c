package io.zsentinel.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.SampleEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same round trip against Kafka in a container, for machines with a Docker engine. This is
 * the one test allowed to skip (issue 2): the build machines here have no Docker engine, and the
 * embedded broker ({@link KafkaRoundTripTest}) covers the round trip for real.
 */
class ContainerKafkaRoundTripTest {

    @Test
    void roundTripAgainstAContainerBroker() throws Exception {
        boolean docker = dockerAvailable();
        if (!docker) {
            System.out.println("SKIPPED ContainerKafkaRoundTripTest: no Docker engine on this machine; "
                    + "the embedded-broker round trip (KafkaRoundTripTest) ran instead");
        }
        Assumptions.assumeTrue(docker, "no Docker engine on this machine: container round trip skipped");
        try (KafkaContainer kafka = new KafkaContainer("apache/kafka-native:4.0.0")) {
            kafka.start();
            Envelope event = SampleEvents.all().get(0);
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers());
            try (KafkaProducer<String, byte[]> producer =
                    new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
                producer.send(EventRecords.toRecord("zsentinel.events", event.subject(), event)).get();
            }
            Properties c = new Properties();
            c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers());
            c.put(ConsumerConfig.GROUP_ID_CONFIG, "container");
            c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            try (KafkaConsumer<String, byte[]> consumer =
                    new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of("zsentinel.events"));
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (records.isEmpty() && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                }
            }
            assertThat(records).hasSize(1);
            assertThat(EventCodec.decode(records.get(0).value())).isEqualTo(event);
            assertThat(EventRecords.header(records.get(0).headers(), "ce_type")).isEqualTo(event.type().wireName());
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
