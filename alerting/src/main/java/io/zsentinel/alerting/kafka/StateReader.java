package io.zsentinel.alerting.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.state.JobStatus;
import io.zsentinel.events.state.PoolStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the compacted state topic from its beginning (no consumer group: every instance
 * needs all of it) and keeps the latest {@link JobStatus} and {@link PoolStatus} per key.
 */
public final class StateReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StateReader.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Map<String, JobStatus> jobs = new ConcurrentHashMap<>();
    private final Map<String, PoolStatus> pools = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    public StateReader(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.thread = new Thread(this::run, "alerting-state");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public List<JobStatus> jobs() {
        return List.copyOf(jobs.values());
    }

    public List<PoolStatus> pools() {
        return List.copyOf(pools.values());
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    apply(record);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("state reader stopped: {}", e.toString(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    void apply(ConsumerRecord<String, byte[]> record) {
        String key = record.key();
        if (key == null) {
            return;
        }
        if (record.value() == null) {
            jobs.remove(key);
            pools.remove(key);
            return;
        }
        try {
            JsonNode node = EventCodec.mapper().readTree(record.value());
            if (node.hasNonNull("job")) {
                jobs.put(key, EventCodec.mapper().treeToValue(node, JobStatus.class));
            } else if (node.hasNonNull("pool")) {
                pools.put(key, EventCodec.mapper().treeToValue(node, PoolStatus.class));
            }
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warn("state record {} unreadable, ignored: {}", key, e.toString());
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
