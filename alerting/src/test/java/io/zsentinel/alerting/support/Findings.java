package io.zsentinel.alerting.support;

import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.EventType;
import io.zsentinel.events.Fingerprint;
import io.zsentinel.events.data.FindingData;
import io.zsentinel.events.kafka.EventRecords;
import io.zsentinel.events.kafka.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plays the collector in tests: publishes findings as it does, and reads topics back. */
public final class Findings implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final String bootstrap;
    private final Topics topics;

    public Findings(String bootstrap, Topics topics) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.bootstrap = bootstrap;
        this.topics = topics;
    }

    public static FindingData finding(
            String name, String status, Instant startsAt, Map<String, String> annotations, String... labelPairs) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", name);
        for (String pair : labelPairs) {
            labels.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return new FindingData(
                Fingerprint.of(labels),
                name,
                status,
                "critical",
                labels,
                annotations,
                labels.getOrDefault("job", "?") + ": " + name,
                startsAt,
                FindingData.RESOLVED.equals(status) ? startsAt.plusSeconds(60) : null,
                1260.0);
    }

    public void publish(FindingData finding) {
        Envelope envelope = Envelope.of(
                EventType.FINDING,
                Envelope.source("collector", "test"),
                finding.labels().getOrDefault("job", finding.fingerprint()),
                finding,
                Clock.systemUTC());
        try {
            producer.send(EventRecords.toRecord(topics.findings(), finding.fingerprint(), envelope))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends without waiting for the acknowledgement (benchmarks). */
    public void publishAsync(FindingData finding) {
        Envelope envelope = Envelope.of(
                EventType.FINDING,
                Envelope.source("collector", "test"),
                finding.labels().getOrDefault("job", finding.fingerprint()),
                finding,
                Clock.systemUTC());
        producer.send(EventRecords.toRecord(topics.findings(), finding.fingerprint(), envelope));
    }

    public void publishRaw(String topic, String key, byte[] value) {
        try {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, key, value))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The committed offset of a consumer group on the findings topic (sum over partitions). */
    public long committed(String groupId) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            return offsets.entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topics.findings()))
                    .filter(e -> e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset())
                    .sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every event on a CloudEvents topic so far. */
    public List<Envelope> read(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        List<Envelope> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        events.add(EventCodec.decode(record.value()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return events;
    }

    @Override
    public void close() {
        producer.close();
    }
}
