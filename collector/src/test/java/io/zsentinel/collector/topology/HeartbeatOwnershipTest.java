package io.zsentinel.collector.topology;

import static io.zsentinel.collector.fixtures.Events.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zsentinel.collector.CollectorConfig;
import io.zsentinel.collector.fixtures.TestClock;
import io.zsentinel.collector.metrics.CollectorMetrics;
import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.kafka.Topics;
import io.zsentinel.events.state.JobStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A heartbeat's task applies the job parts it owns itself; the others travel through the
 * assignments topic. Either way the job ends up with the executor's view of it.
 */
class HeartbeatOwnershipTest {
    static final String JOB = "lab/101-0";
    static final String DISK = "rpool/data/vm-101-disk-0";

    @TempDir
    Path stateDir;

    @Test
    void ownershipIsTheProducersDefaultPartitioner() {
        IntStream.rangeClosed(1, 12)
                .forEach(partitions -> IntStream.range(0, 2000).forEach(i -> {
                    String key = "c" + (i % 7) + "/" + (100 + i) + "-" + (i % 3);
                    int expected = BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions);
                    for (int p = 0; p < partitions; p++) {
                        assertThat(new Partitioning(partitions).owns(p, key)).isEqualTo(p == expected);
                    }
                }));
        assertThat(Partitioning.UNKNOWN.owns(0, JOB)).isFalse();
    }

    /** 1 partition: this task owns every job, nothing is re-keyed; 0 (unknown): all goes through the topic. */
    @ParameterizedTest
    @ValueSource(ints = {1, 0})
    void theJobGetsTheExecutorsViewWhetherOwnedHereOrReKeyed(int partitions) throws Exception {
        CollectorConfig config = CollectorConfig.defaults();
        TestClock clock = new TestClock(Instant.parse("2025-11-26T06:00:00Z"));
        Topics topics = new Topics("own");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        CollectorMetrics metrics = new CollectorMetrics(new SimpleMeterRegistry(), clock);
        try (TopologyTestDriver driver = new TopologyTestDriver(
                CollectorTopology.build(config, topics, clock, metrics, partitions, new Readiness()),
                props,
                clock.instant())) {
            TestInputTopic<byte[], byte[]> events =
                    driver.createInputTopic(topics.events(), new ByteArraySerializer(), new ByteArraySerializer());
            TestOutputTopic<byte[], byte[]> assignments = driver.createOutputTopic(
                    CollectorTopology.assignmentsTopic(config.applicationId()),
                    new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
            TestOutputTopic<byte[], byte[]> state =
                    driver.createOutputTopic(topics.state(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            long synced = clock.instant().getEpochSecond() - 60;
            for (Envelope e : new Envelope[] {
                heartbeat("ex1", 60, clock, jobInfo(JOB, 600, clock.instant().plus(Duration.ofDays(1)), DISK)),
                inventory(JOB, "source", DISK, "a:1:" + (synced - 300) + ",b:2:" + synced, clock),
                inventory(JOB, "target", DISK, "a:1:" + (synced - 300) + ",b:2:" + synced, clock)
            }) {
                events.pipeInput(e.subject().getBytes(StandardCharsets.UTF_8), EventCodec.encode(e), clock.instant());
            }
            assertThat(assignments.getQueueSize()).isEqualTo(partitions == 1 ? 0 : 1);
            clock.advance(Duration.ofSeconds(1));
            driver.advanceWallClockTime(Duration.ofSeconds(1));
            JobStatus status = null;
            while (!state.isEmpty()) {
                byte[] value = state.readRecord().value();
                if (EventCodec.mapper().readTree(value).has("job")) {
                    status = EventCodec.mapper().readValue(value, JobStatus.class);
                }
            }
            assertThat(status).isNotNull();
            assertThat(status.executor()).isEqualTo("ex1");
            assertThat(status.rpoTargetSeconds()).isEqualTo(600);
            assertThat(status.chain()).isEqualTo("OK");
        }
    }
}
