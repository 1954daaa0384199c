package io.zsentinel.events.kafka;

import io.zsentinel.events.MalformedEventException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds the {@code zsentinel.dlq} record for one that could not be read: the original key,
 * value and headers untouched, plus where it came from and why, so nothing is lost and a human
 * (or a replay tool) can act on it.
 */
public final class DeadLetters {
    public static final String REASON = "zsentinel.dlq.reason";
    public static final String DETAIL = "zsentinel.dlq.detail";
    public static final String SOURCE_TOPIC = "zsentinel.dlq.topic";
    public static final String SOURCE_PARTITION = "zsentinel.dlq.partition";
    public static final String SOURCE_OFFSET = "zsentinel.dlq.offset";
    public static final String SERVICE = "zsentinel.dlq.service";
    private static final int MAX_DETAIL = 2000;

    private DeadLetters() {}

    public static ProducerRecord<byte[], byte[]> record(
            String dlqTopic,
            String service,
            String topic,
            int partition,
            long offset,
            byte[] key,
            byte[] value,
            Headers original,
            MalformedEventException.Reason reason,
            String detail) {
        RecordHeaders headers = new RecordHeaders();
        if (original != null) {
            for (Header h : original) {
                headers.add(h);
            }
        }
        put(headers, REASON, reason.name());
        put(headers, DETAIL, detail == null ? "" : truncate(detail));
        put(headers, SOURCE_TOPIC, topic);
        put(headers, SOURCE_PARTITION, Integer.toString(partition));
        put(headers, SOURCE_OFFSET, Long.toString(offset));
        put(headers, SERVICE, service);
        return new ProducerRecord<>(dlqTopic, null, key, value, headers);
    }

    private static String truncate(String detail) {
        return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL) + "…";
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
