package io.zsentinel.launcher;

import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.MalformedEventException;
import io.zsentinel.events.data.AuditData;
import io.zsentinel.events.kafka.Topics;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The CLI's line to the executors: records sent and confirmed by the broker, and the audit topic
 * read from its end as it was before anything was sent, so that the answer to a command is
 * found however fast it comes. No consumer group: the CLI commits nothing and leaves no trace
 * but what it sent.
 */
final class CommandChannel implements AutoCloseable {
    private static final Duration BROKER = EventSender.BROKER;
    private static final Duration POLL = Duration.ofMillis(200);

    private final EventSender producer;
    private final KafkaConsumer<byte[], byte[]> audit;

    private CommandChannel(EventSender producer, KafkaConsumer<byte[], byte[]> audit) {
        this.producer = producer;
        this.audit = audit;
    }

    static CommandChannel open(String bootstrap, Topics topics) throws IOException {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "zsentinel-cli",
                        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                        (int) BROKER.toMillis()),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topics.audit(), BROKER).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                throw new IOException(
                        "Kafka at " + bootstrap + " has no topic " + topics.audit() + " (is zsentinel running there?)");
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(p -> consumer.position(p, BROKER)); // the seek is lazy: fix the end now
        } catch (KafkaException e) {
            consumer.close(Duration.ZERO);
            throw new IOException(
                    "Kafka does not answer at " + bootstrap + " (" + e.getMessage() + "; --bootstrap HOST:PORT)", e);
        } catch (IOException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
        return new CommandChannel(new EventSender(bootstrap), consumer);
    }

    /** Sends and waits until the broker has it. */
    void send(String key, Envelope event, String topic) throws IOException, InterruptedException {
        producer.send(topic, key, event);
    }

    /** The executor's {@code command.accepted} or {@code command.rejected} audit of {@code commandId}, if it comes in time. */
    Optional<Envelope> answer(String commandId, Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<byte[], byte[]> record : audit.poll(POLL)) {
                Envelope event;
                try {
                    event = EventCodec.decode(record.value());
                } catch (MalformedEventException e) {
                    continue; // the collector's DLQ has it; not an answer
                }
                if (event.data() instanceof AuditData a
                        && commandId.equals(a.attributes().get("commandId"))
                        && (a.action().equals("command.accepted") || a.action().equals("command.rejected"))) {
                    return Optional.of(event);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        producer.close();
        audit.close(Duration.ZERO);
    }
}
