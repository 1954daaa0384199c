package io.zsentinel.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.broker.EmbeddedKafka;
import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.SampleEvents;
import io.zsentinel.testkit.kafka.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every event type through the real serde and a real broker, and poison records to the DLQ. */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaRoundTripTest {

    @Test
    void everyEventTypeRoundTripsWithItsHeaders(EmbeddedKafka kafka) throws Exception {
        Topics topics = new Topics(KafkaBrokerExtension.uniquePrefix("roundtrip"));
        TopicAdmin.ensure(kafka.bootstrapServers(), topics);
        List<Envelope> sent = SampleEvents.all();
        try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
            for (Envelope event : sent) {
                producer.send(EventRecords.toRecord(topics.events(), event.subject(), event))
                        .get();
            }
        }

        List<ConsumerRecord<String, byte[]>> received = consumeAll(kafka, topics.events(), sent.size());

        assertThat(received).hasSize(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            Envelope expected = sent.get(i);
            ConsumerRecord<String, byte[]> record = received.get(i);
            assertThat(EventCodec.decode(record.value())).isEqualTo(expected);
            assertThat(record.key()).isEqualTo(expected.subject());
            assertThat(EventRecords.header(record.headers(), "ce_id")).isEqualTo(expected.id());
            assertThat(EventRecords.header(record.headers(), "ce_type"))
                    .isEqualTo(expected.type().wireName());
            assertThat(EventRecords.header(record.headers(), "ce_source")).isEqualTo(expected.source());
            assertThat(EventRecords.header(record.headers(), "ce_subject")).isEqualTo(expected.subject());
            assertThat(EventRecords.header(record.headers(), "ce_time"))
                    .isEqualTo(expected.time().toString());
            assertThat(EventRecords.header(record.headers(), "content-type")).isEqualTo(EventCodec.CONTENT_TYPE);
        }
    }

    @Test
    void poisonRecordsGoToTheDlqWithTheReasonAndConsumptionGoesOn(EmbeddedKafka kafka) throws Exception {
        Topics topics = new Topics(KafkaBrokerExtension.uniquePrefix("dlq"));
        TopicAdmin.ensure(kafka.bootstrapServers(), topics);
        Envelope before = SampleEvents.all().get(0);
        Envelope after = SampleEvents.all().get(1);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(producerProps(kafka), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topics.events(), bytes("k1"), EventCodec.encode(before)))
                    .get();
            producer.send(new ProducerRecord<>(topics.events(), bytes("k2"), bytes("{not json")))
                    .get();
            producer.send(new ProducerRecord<>(
                            topics.events(),
                            bytes("k3"),
                            bytes("{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"s\",\"type\":\"zsentinel.nope\","
                                    + "\"time\":\"2026-11-26T07:00:00Z\",\"data\":{}}")))
                    .get();
            producer.send(new ProducerRecord<>(topics.events(), bytes("k4"), EventCodec.encode(after)))
                    .get();
        }

        List<ReceivedEvent> events = new ArrayList<>();
        try (EventConsumer consumer =
                new EventConsumer(kafka.bootstrapServers(), "dlq-test", "test", topics, Map.of())) {
            consumer.subscribe(List.of(topics.events()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (events.size() < 2 && System.nanoTime() < deadline) {
                events.addAll(consumer.poll(Duration.ofMillis(200)));
            }
            consumer.commit();
        }

        assertThat(events).extracting(ReceivedEvent::event).containsExactly(before, after);
        List<ConsumerRecord<String, byte[]>> dead = consumeAll(kafka, topics.dlq(), 2);
        assertThat(dead).extracting(ConsumerRecord::key).containsExactly("k2", "k3");
        assertThat(dead)
                .extracting(r -> EventRecords.header(r.headers(), DeadLetters.REASON))
                .containsExactly("MALFORMED_JSON", "UNKNOWN_TYPE");
        assertThat(EventRecords.header(dead.get(1).headers(), DeadLetters.DETAIL))
                .contains("zsentinel.nope");
        assertThat(EventRecords.header(dead.get(0).headers(), DeadLetters.SOURCE_TOPIC))
                .isEqualTo(topics.events());
        assertThat(EventRecords.header(dead.get(0).headers(), DeadLetters.SOURCE_OFFSET))
                .isEqualTo("1");
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Properties producerProps(EmbeddedKafka kafka) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return props;
    }

    private static KafkaProducer<String, byte[]> producer(EmbeddedKafka kafka) {
        return new KafkaProducer<>(producerProps(kafka), new StringSerializer(), new ByteArraySerializer());
    }

    static List<ConsumerRecord<String, byte[]>> consumeAll(EmbeddedKafka kafka, String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
