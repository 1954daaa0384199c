package io.zsentinel.collector.topology;

import io.zsentinel.collector.CollectorConfig;
import io.zsentinel.collector.heartbeat.ExecutorState;
import io.zsentinel.collector.job.JobState;
import io.zsentinel.collector.metrics.CollectorMetrics;
import io.zsentinel.collector.pool.PoolState;
import io.zsentinel.events.kafka.Topics;
import io.zsentinel.events.state.JobStatus;
import io.zsentinel.events.state.PoolStatus;
import java.time.Clock;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The collector's topology, as a function of its config and topic names:
 * <pre>
 *   [events] ----------------\
 *                              collector (decode, fold into stores, tick on the wall clock)
 *   [&lt;app&gt;-assignments] ----/     |-> [dlq]          undecodable records, reason in headers
 *          ^                       |-> [findings]     firing / resolved
 *          +-----------------------|-> [state]        JobStatus / PoolStatus, compacted
 *            heartbeats re-keyed by job
 * </pre>
 * Heartbeats are keyed by executor but describe many jobs: each job's part goes through the
 * assignments topic, keyed by job, so that it reaches the task owning that job.
 */
public final class CollectorTopology {
    public static final String EVENTS_SOURCE = "events";
    public static final String ASSIGNMENTS_SOURCE = "assignments";
    public static final String PROCESSOR = "collector";
    public static final String DLQ_SINK = "dlq";
    public static final String FINDINGS_SINK = "findings";
    public static final String STATE_SINK = "state";
    public static final String ASSIGNMENTS_SINK = "assignments-out";

    private CollectorTopology() {}

    /** The topic that carries heartbeat parts keyed by job: one per application id, partitioned like the events. */
    public static String assignmentsTopic(String applicationId) {
        return applicationId + "-assignments";
    }

    /** Every heartbeat part goes through the assignments topic (the partition count is not known). */
    public static Topology build(CollectorConfig config, Topics topics, Clock clock, CollectorMetrics metrics) {
        return build(config, topics, clock, metrics, 0, new Readiness());
    }

    /**
     * @param partitions of the events (and assignments) topic: a heartbeat's task then applies the job
     *     parts it owns itself, without the round trip through the assignments topic; 0 = unknown
     * @param readiness told when the tasks start and have evaluated (what the API waits for)
     */
    public static Topology build(
            CollectorConfig config,
            Topics topics,
            Clock clock,
            CollectorMetrics metrics,
            int partitions,
            Readiness readiness) {
        String assignments = assignmentsTopic(config.applicationId());
        Partitioning partitioning = new Partitioning(partitions);
        Topology t = new Topology();
        t.addSource(EVENTS_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.events());
        t.addSource(ASSIGNMENTS_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), assignments);
        t.addProcessor(
                PROCESSOR,
                () -> new CollectorProcessor(config, topics, clock, metrics, partitioning, readiness),
                EVENTS_SOURCE,
                ASSIGNMENTS_SOURCE);
        int entries = config.cacheEntries();
        t.addStateStore(WriteBehindStore.builder(rocksDb(StoreNames.JOBS), JobState.class, entries), PROCESSOR);
        t.addStateStore(WriteBehindStore.builder(rocksDb(StoreNames.POOLS), PoolState.class, entries), PROCESSOR);
        t.addStateStore(
                WriteBehindStore.builder(rocksDb(StoreNames.EXECUTORS), ExecutorState.class, entries), PROCESSOR);
        t.addStateStore(
                WriteBehindStore.builder(lastPublished(StoreNames.JOB_STATUS), JobStatus.class, entries), PROCESSOR);
        t.addStateStore(
                WriteBehindStore.builder(lastPublished(StoreNames.POOL_STATUS), PoolStatus.class, entries), PROCESSOR);
        // active findings change rarely: written through
        t.addStateStore(rocksDb(StoreNames.FINDINGS), PROCESSOR);
        t.addSink(DLQ_SINK, topics.dlq(), new ByteArraySerializer(), new ByteArraySerializer(), PROCESSOR);
        t.addSink(FINDINGS_SINK, topics.findings(), new ByteArraySerializer(), new ByteArraySerializer(), PROCESSOR);
        t.addSink(STATE_SINK, topics.state(), new ByteArraySerializer(), new ByteArraySerializer(), PROCESSOR);
        t.addSink(ASSIGNMENTS_SINK, assignments, new ByteArraySerializer(), new ByteArraySerializer(), PROCESSOR);
        return t;
    }

    /**
     * RocksDB with a changelog. Values are the JSON of {@link StoreNames}' types ({@link JsonSerde}).
     * No Kafka Streams record cache (it would cache bytes, encoded on every put): the stores that change
     * with every event are {@link WriteBehindStore}s, caches of decoded values themselves.
     */
    private static StoreBuilder<KeyValueStore<String, byte[]>> rocksDb(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray())
                .withCachingDisabled()
                .withLoggingEnabled(java.util.Map.of());
    }

    /**
     * The statuses last published to the state topic: on the heap, without a changelog. They are a
     * function of the other stores, and the state topic (compacted) is their durable copy: a task that
     * starts evaluates every subject at its first tick and, finding no previous status, publishes each
     * once more. A changelog would double every status write for nothing, and could claim a status
     * was published when its transaction had aborted.
     */
    private static StoreBuilder<KeyValueStore<String, byte[]>> lastPublished(String name) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.ByteArray())
                .withCachingDisabled()
                .withLoggingDisabled();
    }
}
