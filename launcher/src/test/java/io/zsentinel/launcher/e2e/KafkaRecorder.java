package io.zsentinel.launcher.e2e;

import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventType;
import io.zsentinel.events.data.CommandData;
import io.zsentinel.events.data.FindingData;
import io.zsentinel.events.kafka.EventConsumer;
import io.zsentinel.events.kafka.ReceivedEvent;
import io.zsentinel.events.kafka.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads the findings, commands and events topics from the beginning on its own thread and
 * keeps every event with the time it was seen, so a test can wait for "the collector published
 * X" and measure when.
 */
public final class KafkaRecorder implements AutoCloseable {
    private final EventConsumer consumer;
    private final Thread thread;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;
    private volatile String failure;

    /** One event and when this recorder read it. */
    public record Seen(Instant readAt, String topic, Envelope event) {
        public FindingData finding() {
            return event.data(FindingData.class);
        }

        public CommandData command() {
            return event.data(CommandData.class);
        }
    }

    private KafkaRecorder(String bootstrap, Topics topics, List<String> recorded) {
        consumer = new EventConsumer(bootstrap, "e2e-recorder-" + UUID.randomUUID(), "e2e-test", topics, Map.of());
        consumer.subscribe(recorded);
        thread = new Thread(this::loop, "e2e-kafka-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    /** Records findings, commands and events. */
    public static KafkaRecorder start(String bootstrap, Topics topics) {
        return new KafkaRecorder(bootstrap, topics, List.of(topics.findings(), topics.commands(), topics.events()));
    }

    /** Records the audit trail too. */
    public static KafkaRecorder withAudit(String bootstrap, Topics topics) {
        return new KafkaRecorder(
                bootstrap, topics, List.of(topics.findings(), topics.commands(), topics.events(), topics.audit()));
    }

    private void loop() {
        try {
            while (running) {
                for (ReceivedEvent e : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(new Seen(Instant.now(), e.topic(), e.event()));
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            failure = e.toString();
        } finally {
            consumer.close();
        }
    }

    public List<Seen> seen(Predicate<Seen> filter) {
        return seen.stream().filter(filter).toList();
    }

    /** Findings of that name and status, optionally for one job (null = any). */
    public List<Seen> findings(String name, String status, String job) {
        return seen(s -> s.event().type() == EventType.FINDING
                && s.finding().name().equals(name)
                && s.finding().status().equals(status)
                && (job == null || job.equals(s.finding().labels().get("job"))));
    }

    public Seen firstFinding(String name, String status, String job, Instant notBefore) {
        return findings(name, status, job).stream()
                .filter(s -> !s.readAt().isBefore(notBefore))
                .findFirst()
                .orElse(null);
    }

    public List<Seen> events(EventType type, String subject) {
        return seen(s -> s.event().type() == type
                && (subject == null || subject.equals(s.event().subject())));
    }

    /** Why the recorder stopped, if it did. */
    public String failure() {
        return failure;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
