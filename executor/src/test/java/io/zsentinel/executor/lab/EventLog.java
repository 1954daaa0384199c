package io.zsentinel.executor.lab;

import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.EventType;
import io.zsentinel.events.MalformedEventException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads every event of some topics from the beginning, on demand (tests poll it with awaitility). */
final class EventLog implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Envelope> events = new ArrayList<>();

    EventLog(String bootstrap, String... topics) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> parts = new ArrayList<>();
        for (String t : topics) {
            parts.add(new TopicPartition(t, 0));
        }
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
    }

    /** Polls once and returns everything read so far. */
    List<Envelope> poll() {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
            try {
                events.add(EventCodec.decode(r.value()));
            } catch (MalformedEventException e) {
                throw new AssertionError("the executor wrote an unreadable event", e);
            }
        }
        return List.copyOf(events);
    }

    List<Envelope> of(EventType type) {
        return poll().stream().filter(e -> e.type() == type).toList();
    }

    boolean any(EventType type, Predicate<Envelope> matching) {
        return of(type).stream().anyMatch(matching);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
