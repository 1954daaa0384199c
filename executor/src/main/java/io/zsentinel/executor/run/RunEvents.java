package io.zsentinel.executor.run;

import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventType;
import io.zsentinel.events.data.AuditData;
import io.zsentinel.events.data.EventData;
import io.zsentinel.events.kafka.Topics;
import io.zsentinel.executor.publish.EventPublisher;
import java.time.Clock;

/**
 * Builds and publishes the executor's events: facts go to {@code topics.events()} keyed by
 * their subject (job key, pool key, executor id); audit records to {@code topics.audit()}.
 */
public final class RunEvents {
    private final EventPublisher publisher;
    private final Topics topics;
    private final String source;
    private final Clock clock;

    public RunEvents(EventPublisher publisher, Topics topics, String executorId, Clock clock) {
        this.publisher = publisher;
        this.topics = topics;
        this.source = Envelope.source("executor", executorId);
        this.clock = clock;
    }

    public void fact(EventType type, String subject, EventData data) {
        publisher.publish(topics.events(), subject, Envelope.of(type, source, subject, data, clock));
    }

    public void audit(String subject, AuditData data) {
        publisher.publish(topics.audit(), subject, Envelope.of(EventType.AUDIT, source, subject, data, clock));
    }

    public Clock clock() {
        return clock;
    }
}
