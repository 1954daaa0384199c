package io.zsentinel.events.kafka;

import io.zsentinel.events.EventCodec;
import io.zsentinel.events.MalformedEventException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer every plain (non-Streams) service uses: it decodes each record into an
 * {@link ReceivedEvent}, and routes what cannot be decoded to the DLQ with the reason, so one
 * poison record never stops the service. Offsets are committed only when the caller says so
 * ({@link #commit()}), after it has done its work.
 */
public final class EventConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventConsumer.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> dlqProducer;
    private final String dlqTopic;
    private final String service;

    public EventConsumer(String bootstrap, String groupId, String service, Topics topics, Map<String, Object> extra) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.putAll(extra);
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        this.dlqProducer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer());
        this.dlqTopic = topics.dlq();
        this.service = service;
    }

    public void subscribe(Collection<String> topicNames) {
        consumer.subscribe(topicNames);
    }

    /**
     * One poll. Undecodable records are written to the DLQ (synchronously: the DLQ write must
     * succeed before the offset can be committed) and are not returned.
     */
    public List<ReceivedEvent> poll(Duration timeout) {
        List<ReceivedEvent> events = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
            String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            try {
                events.add(new ReceivedEvent(
                        record.topic(), record.partition(), record.offset(), key, EventCodec.decode(record.value())));
            } catch (MalformedEventException e) {
                deadLetter(record, e);
            }
        }
        return events;
    }

    /** Poll and hand each event to {@code handler}, then commit. */
    public int pollAndHandle(Duration timeout, Consumer<ReceivedEvent> handler) {
        List<ReceivedEvent> events = poll(timeout);
        events.forEach(handler);
        commit();
        return events.size();
    }

    public void commit() {
        consumer.commitSync();
    }

    /** For callers that need seeks, assignment or metrics. */
    public KafkaConsumer<byte[], byte[]> kafkaConsumer() {
        return consumer;
    }

    public void wakeup() {
        consumer.wakeup();
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> record, MalformedEventException e) {
        LOG.warn("{}-{}@{} to DLQ: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
        try {
            dlqProducer
                    .send(DeadLetters.record(
                            dlqTopic,
                            service,
                            record.topic(),
                            record.partition(),
                            record.offset(),
                            record.key(),
                            record.value(),
                            record.headers(),
                            e.reason(),
                            e.getMessage()))
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException(
                    "cannot write to " + dlqTopic + "; not committing past a poison record", ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to the DLQ", ex);
        }
    }

    @Override
    public void close() {
        // a static member (StaticMembership) does not leave its group on a plain close: say so, or whoever joins next
        // with another id (a wiped state directory, a test) waits out this member's session
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5))
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        dlqProducer.close(Duration.ofSeconds(5));
    }
}
