package io.zsentinel.events.kafka;

import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventCodec;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The CloudEvents Kafka binding, structured mode: the whole event as JSON in the value, plus
 * {@code ce_*} headers so that routers can filter without parsing the value.
 */
public final class EventRecords {
    public static final String CONTENT_TYPE_HEADER = "content-type";

    private EventRecords() {}

    public static ProducerRecord<String, byte[]> toRecord(String topic, String key, Envelope event) {
        return new ProducerRecord<>(topic, null, key, EventCodec.encode(event), headers(event));
    }

    public static Headers headers(Envelope event) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, CONTENT_TYPE_HEADER, EventCodec.CONTENT_TYPE);
        add(headers, "ce_specversion", Envelope.SPEC_VERSION);
        add(headers, "ce_id", event.id());
        add(headers, "ce_type", event.type().wireName());
        add(headers, "ce_source", event.source());
        add(headers, "ce_time", event.time().toString());
        if (event.subject() != null) {
            add(headers, "ce_subject", event.subject());
        }
        return headers;
    }

    public static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
