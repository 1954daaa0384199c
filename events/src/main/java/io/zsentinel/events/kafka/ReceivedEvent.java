package io.zsentinel.events.kafka;

import io.zsentinel.events.Envelope;

/** One event read from Kafka, with where it was read from (for commits and audit). */
public record ReceivedEvent(String topic, int partition, long offset, String key, Envelope event) {}
