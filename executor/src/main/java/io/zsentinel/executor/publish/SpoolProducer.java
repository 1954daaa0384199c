package io.zsentinel.executor.publish;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The producer the spool's sender uses (idempotent, acks=all, so one sender keeps the spool's
 * order) and the time bounds that decide how soon an outage shows: {@code connected()} turning
 * false, readiness with it, the spool's backoff starting.
 *
 * <ul>
 *   <li>{@link #MAX_BLOCK} bounds a send while the client has no metadata for the topic. After
 *       losing every broker the client re-bootstraps and forgets its topics, so every send waits
 *       this long; {@link BatchSender} therefore stops a batch at its first failed send.
 *   <li>{@link #DELIVERY_TIMEOUT} bounds a record handed over while the metadata was still cached
 *       (the broker went away moments before).
 *   <li>Neither covers an idempotent producer still waiting for its producer id: its records do not
 *       expire then. {@link #ACK_DEADLINE}, past the delivery timeout, is the sender's own bound.
 * </ul>
 */
final class SpoolProducer {
    static final Duration MAX_BLOCK = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(15);
    static final Duration ACK_DEADLINE = DELIVERY_TIMEOUT.plusSeconds(5);
    /** The longest one attempt takes to end in an outage: a send that blocks, then the ack deadline. */
    static final Duration ATTEMPT_BOUND = MAX_BLOCK.plus(ACK_DEADLINE);

    private SpoolProducer() {}

    static Producer<String, byte[]> create(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK.toMillis());
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REQUEST_TIMEOUT.toMillis());
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis());
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "zsentinel-executor");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }
}
