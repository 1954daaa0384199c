package io.zsentinel.alerting.kafka;

import io.zsentinel.alerting.notify.AuditSink;
import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventType;
import io.zsentinel.events.data.AuditData;
import io.zsentinel.events.kafka.EventRecords;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;

/** Audit events as CloudEvents on {@code zsentinel.audit}, keyed by subject. */
public final class KafkaAuditSink implements AuditSink {
    private final Producer<String, byte[]> producer;
    private final String topic;
    private final String source;
    private final Clock clock;

    public KafkaAuditSink(Producer<String, byte[]> producer, String topic, String source, Clock clock) {
        this.producer = producer;
        this.topic = topic;
        this.source = source;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<Void> audit(String subject, AuditData data) {
        Envelope event = Envelope.of(EventType.AUDIT, source, subject, data, clock);
        return Producers.send(producer, EventRecords.toRecord(topic, subject, event));
    }
}
