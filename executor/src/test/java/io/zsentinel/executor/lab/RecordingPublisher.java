package io.zsentinel.executor.lab;

import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventType;
import io.zsentinel.executor.publish.EventPublisher;
import java.util.ArrayList;
import java.util.List;

/** Keeps what a run publishes, for run-level tests (the Kafka path has its own tests). */
final class RecordingPublisher implements EventPublisher {
    private final List<Envelope> events = new ArrayList<>();

    @Override
    public synchronized void publish(String topic, String key, Envelope event) {
        events.add(event);
    }

    synchronized List<Envelope> all() {
        return List.copyOf(events);
    }

    synchronized List<Envelope> of(EventType type) {
        return events.stream().filter(e -> e.type() == type).toList();
    }

    synchronized void clear() {
        events.clear();
    }

    @Override
    public void close() {}
}
