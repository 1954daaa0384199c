package io.zsentinel.collector;

import io.zsentinel.events.kafka.StaticMembership;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams properties of the collector, in one place so that the service and the
 * throughput benchmark run the very same configuration. {@code collector.streams} overrides any
 * of them, except that exactly-once stays on.
 */
public final class StreamsSettings {
    private StreamsSettings() {}

    public static Properties of(CollectorConfig config, String bootstrap, Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.put("processing.exception.handler.global.enabled", "true");
        // exactly-once commits cost a producer flush and a transaction round trip each (tens of ms):
        // at the EOS default of 100 ms they took a quarter of the stream thread. The processor asks for
        // a commit after every tick, so outputs are not delayed; this only bounds the time between them.
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "1000");
        // every event rewrites its job's state (changelog) and most evaluations a status (changelog and
        // state topic): with 16 KiB batches that is a produce request per handful of records, which the
        // commit's flush then waits for. Bigger batches cut the requests and the commit latency by 3.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), Integer.toString(512 * 1024));
        // process what is buffered without waiting on the other input partition. The assignments topic is
        // mostly empty, and with the default (0) Kafka Streams formats a log string for that empty partition
        // before every record (5 % of the stream thread). Timestamp order between the two inputs means
        // nothing here anyway: assignments carry the wall-clock time at which they were re-keyed.
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, Long.toString(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED));
        // static membership: restarted after a crash, the collector takes its partitions back at once instead of
        // waiting out its dead self's session (45 s); Kafka Streams appends each stream thread's index
        props.put(
                StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
                StaticMembership.instanceId(stateDir, "collector"));
        props.putAll(config.streams());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        return props;
    }
}
