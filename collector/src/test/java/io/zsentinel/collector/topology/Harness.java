package io.zsentinel.collector.topology;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zsentinel.collector.CollectorConfig;
import io.zsentinel.collector.fixtures.TestClock;
import io.zsentinel.collector.job.JobState;
import io.zsentinel.collector.metrics.CollectorMetrics;
import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.MalformedEventException;
import io.zsentinel.events.data.FindingData;
import io.zsentinel.events.kafka.Topics;
import io.zsentinel.events.state.JobStatus;
import io.zsentinel.events.state.PoolStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The topology under TopologyTestDriver with a test clock that moves together with the driver's wall clock. */
final class Harness implements AutoCloseable {
    static final Instant START = Instant.parse("2025-11-26T06:00:00Z");

    final TestClock clock;
    final Topics topics = new Topics("zs");
    final TopologyTestDriver driver;
    final TestInputTopic<byte[], byte[]> events;
    final TestOutputTopic<byte[], byte[]> findingsTopic;
    final TestOutputTopic<byte[], byte[]> stateTopic;
    final TestOutputTopic<byte[], byte[]> dlqTopic;
    /** The jobs store's changelog: what a restart would restore. */
    final TestOutputTopic<byte[], byte[]> jobsChangelog;

    final List<FindingData> findings = new ArrayList<>();
    final Map<String, JobStatus> jobs = new HashMap<>();
    final Map<String, PoolStatus> pools = new HashMap<>();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    /** Told by the processor when its task starts, has ticked and closes. */
    final Readiness readiness = new Readiness();

    Harness(CollectorConfig config, Path stateDir) {
        this(config, stateDir, new TestClock(START));
    }

    Harness(CollectorConfig config, Path stateDir, TestClock clock) {
        this.clock = clock;
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(
                CollectorTopology.build(config, topics, clock, new CollectorMetrics(registry, clock), 0, readiness),
                props,
                clock.instant());
        events = driver.createInputTopic(topics.events(), new ByteArraySerializer(), new ByteArraySerializer());
        findingsTopic =
                driver.createOutputTopic(topics.findings(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        stateTopic = driver.createOutputTopic(topics.state(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        dlqTopic = driver.createOutputTopic(topics.dlq(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        jobsChangelog = driver.createOutputTopic(
                config.applicationId() + "-" + StoreNames.JOBS + "-changelog",
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    void pipe(Envelope e) {
        String key = e.subject();
        events.pipeInput(
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), EventCodec.encode(e), clock.instant());
        drain();
    }

    void pipeRaw(String key, byte[] value) {
        events.pipeInput(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, clock.instant());
        drain();
    }

    /** Moves the clock and the driver's wall clock together (one tick). */
    void advance(Duration d) {
        clock.advance(d);
        driver.advanceWallClockTime(d);
        drain();
    }

    /** Moves time in ticks of {@code step} for {@code total}. */
    void advance(Duration total, Duration step) {
        for (long done = 0; done < total.toMillis(); done += step.toMillis()) {
            advance(step);
        }
    }

    void drain() {
        for (TestRecord<byte[], byte[]> r : findingsTopic.readRecordsToList()) {
            try {
                Envelope e = EventCodec.decode(r.value());
                findings.add(e.data(FindingData.class));
            } catch (MalformedEventException ex) {
                throw new AssertionError("the collector wrote an unreadable finding", ex);
            }
        }
        for (TestRecord<byte[], byte[]> r : stateTopic.readRecordsToList()) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            try {
                JsonNode node = EventCodec.mapper().readTree(r.value());
                if (node.has("job")) {
                    jobs.put(key, EventCodec.mapper().treeToValue(node, JobStatus.class));
                } else {
                    pools.put(key, EventCodec.mapper().treeToValue(node, PoolStatus.class));
                }
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }

    /** The job states written to the jobs changelog since the last call, oldest first. */
    List<JobState> loggedJobs() {
        JsonSerde<JobState> serde = new JsonSerde<>(JobState.class);
        return jobsChangelog.readValuesToList().stream()
                .map(v -> serde.read(v, "the jobs changelog"))
                .toList();
    }

    List<TestRecord<byte[], byte[]>> deadLetters() {
        return dlqTopic.readRecordsToList();
    }

    List<String> statuses(String name) {
        return findings.stream()
                .filter(f -> f.name().equals(name))
                .map(FindingData::status)
                .toList();
    }

    List<FindingData> of(String name) {
        return findings.stream().filter(f -> f.name().equals(name)).toList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
