package io.zsentinel.executor.publish;

import io.zsentinel.events.Envelope;

/** Where the executor puts its events. Never blocks on Kafka and never throws for Kafka's sake. */
public interface EventPublisher extends AutoCloseable {
    void publish(String topic, String key, Envelope event);

    @Override
    void close();
}
