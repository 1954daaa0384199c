package io.zsentinel.collector.topology;

import io.zsentinel.collector.CollectorConfig;
import io.zsentinel.collector.heartbeat.ExecutorState;
import io.zsentinel.collector.job.JobState;
import io.zsentinel.collector.metrics.CollectorMetrics;
import io.zsentinel.collector.pool.PoolState;
import io.zsentinel.events.data.FindingData;
import io.zsentinel.events.kafka.Topics;
import io.zsentinel.events.state.JobStatus;
import io.zsentinel.events.state.PoolStatus;
import java.time.Clock;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
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

    public static Topology build(CollectorConfig config, Topics topics, Clock clock, CollectorMetrics metrics) {
        String assignments = assignmentsTopic(config.applicationId());
        Topology t = new Topology();
        t.addSource(EVENTS_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.events());
        t.addSource(ASSIGNMENTS_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), assignments);
        t.addProcessor(PROCESSOR, () -> new CollectorProcessor(config, topics, clock, metrics),
                EVENTS_SOURCE, ASSIGNMENTS_SOURCE);
        t.addStateStore(store(StoreNames.JOBS, JobState.class), PROCESSOR);
        t.addStateStore(store(StoreNames.POOLS, PoolState.class), PROCESSOR);
        t.addStateStore(store(StoreNames.EXECUTORS, ExecutorState.class), PROCESSOR);
        t.addStateStore(store(StoreNames.FINDINGS, FindingData.class), PROCESSOR);
        t.addStateStore(store(StoreNames.JOB_STATUS, JobStatus.class), PROCESSOR);
        t.addStateStore(store(StoreNames.POOL_STATUS, PoolStatus.class), PROCESSOR);
        t.addSink(DLQ_SINK, topics.dlq(), new ByteArraySerializer(), new ByteArraySerializer(), PROCESSOR);
        t.addSink(FINDINGS_SINK, topics.findings(), new ByteArraySerializer(), new ByteArraySerializer(), PROCESSOR);
        t.addSink(STATE_SINK, topics.state(), new ByteArraySerializer(), new ByteArraySerializer(), PROCESSOR);
        t.addSink(ASSIGNMENTS_SINK, assignments, new ByteArraySerializer(), new ByteArraySerializer(), PROCESSOR);
        return t;
    }

    private static <T> StoreBuilder<KeyValueStore<String, T>> store(String name, Class<T> type) {
        Serde<T> serde = new JsonSerde<>(type);
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), serde)
                .withCachingEnabled()
                .withLoggingEnabled(java.util.Map.of());
    }
}
