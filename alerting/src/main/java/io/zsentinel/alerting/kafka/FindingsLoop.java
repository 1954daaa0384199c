package io.zsentinel.alerting.kafka;

import io.zsentinel.alerting.dispatch.Settlement;
import io.zsentinel.events.kafka.EventConsumer;
import io.zsentinel.events.kafka.ReceivedEvent;
import io.zsentinel.events.kafka.StaticMembership;
import io.zsentinel.events.kafka.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code zsentinel.findings} on its own thread (undecodable records go to the DLQ, see
 * {@link EventConsumer}), hands each event with its {@link Settlement} to the handler, and
 * commits each partition only up to its lowest unsettled offset.
 */
public final class FindingsLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FindingsLoop.class);

    private final EventConsumer consumer;
    private final String topic;
    private final BiConsumer<ReceivedEvent, Settlement> handler;
    private final OffsetTracker tracker = new OffsetTracker();
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean assigned;

    /** @param instanceId its static group membership ({@link StaticMembership}) */
    public FindingsLoop(
            String bootstrap,
            Topics topics,
            String groupId,
            String instanceId,
            String service,
            BiConsumer<ReceivedEvent, Settlement> handler) {
        this.consumer = new EventConsumer(
                bootstrap, groupId, service, topics, Map.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId));
        this.topic = topics.findings();
        this.handler = handler;
        this.thread = new Thread(this::run, "alerting-findings");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** True once the consumer owns its partitions, and as long as it keeps consuming. */
    public boolean assigned() {
        return assigned && thread.isAlive();
    }

    public int pending() {
        return tracker.pending();
    }

    private void run() {
        KafkaConsumer<byte[], byte[]> kafka = consumer.kafkaConsumer();
        kafka.subscribe(List.of(topic), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                commitSettled(kafka);
                tracker.forget(partitions);
                partitions.forEach(committed::remove);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                assigned = true;
            }
        });
        try {
            while (running) {
                for (ReceivedEvent event : consumer.poll(Duration.ofMillis(100))) {
                    Settlement settlement =
                            tracker.track(new TopicPartition(event.topic(), event.partition()), event.offset());
                    handler.accept(event, settlement);
                }
                commitSettled(kafka);
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("findings consumer stopped: {}", e.toString(), e);
        } finally {
            try {
                commitSettled(kafka);
            } catch (RuntimeException e) {
                LOG.warn("final commit failed: {}", e.toString());
            }
            consumer.close();
        }
    }

    private void commitSettled(KafkaConsumer<byte[], byte[]> kafka) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : kafka.assignment()) {
            OptionalLong lowest = tracker.lowestUnsettled(partition);
            long position = lowest.isPresent() ? lowest.getAsLong() : kafka.position(partition);
            Long last = committed.get(partition);
            if (last == null || position > last) {
                offsets.put(partition, new OffsetAndMetadata(position));
            }
        }
        if (!offsets.isEmpty()) {
            kafka.commitSync(offsets);
            offsets.forEach((p, o) -> committed.put(p, o.offset()));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
