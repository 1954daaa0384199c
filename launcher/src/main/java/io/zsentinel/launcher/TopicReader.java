package io.zsentinel.launcher;

import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.MalformedEventException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Everything topics hold up to now, for a report: each partition read from its first record to
 * the end it had when reading began, without a consumer group (nothing committed). Records that
 * do not decode are skipped (the collector dead-letters them).
 */
final class TopicReader {
    private static final Duration BROKER = EventSender.BROKER;

    private TopicReader() {}

    /** The events in each partition's order, partitions one after the other (callers sort by time when they need to). */
    static List<Envelope> readAll(String bootstrap, Collection<String> topics) throws IOException {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "zsentinel-cli-report",
                        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                        (int) BROKER.toMillis()),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, BROKER)
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, BROKER);
            List<Envelope> out = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p, BROKER) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
                        continue;
                    }
                    try {
                        out.add(EventCodec.decode(r.value()));
                    } catch (MalformedEventException e) {
                        // not an event of the contract: the collector's DLQ has it
                    }
                }
            }
            return out;
        } catch (KafkaException e) {
            throw new IOException(
                    "Kafka does not answer at " + bootstrap + " (" + e.getMessage() + "; --bootstrap HOST:PORT)", e);
        }
    }
}
