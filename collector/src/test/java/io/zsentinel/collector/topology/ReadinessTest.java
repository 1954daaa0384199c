package io.zsentinel.collector.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zsentinel.collector.CollectorConfig;
import io.zsentinel.collector.fixtures.TestClock;
import io.zsentinel.collector.metrics.CollectorMetrics;
import io.zsentinel.events.kafka.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task's statuses are complete only once its first tick has evaluated what it holds. */
class ReadinessTest {
    final CollectorConfig config = CollectorConfig.defaults();
    final TestClock clock = new TestClock(Instant.parse("2025-11-26T06:00:00Z"));
    final Readiness readiness = new Readiness();

    @TempDir
    Path stateDir;

    @Test
    void aStartedTaskIsWaitedForUntilItsFirstTickAndNoLongerOnceClosed() {
        assertThat(readiness.statusesComplete()).as("no task yet").isTrue();
        TopologyTestDriver driver = startTask();
        try {
            assertThat(readiness.statusesComplete()).as("started, not evaluated").isFalse();
            clock.advance(Duration.ofMillis(500));
            driver.advanceWallClockTime(Duration.ofMillis(500));
            assertThat(readiness.statusesComplete()).as("before the first tick").isFalse();
            clock.advance(config.punctuateInterval());
            driver.advanceWallClockTime(config.punctuateInterval());
            assertThat(readiness.statusesComplete()).as("after the first tick").isTrue();
        } finally {
            driver.close();
        }
        assertThat(readiness.statusesComplete()).isTrue();
    }

    @Test
    void aTaskClosedBeforeItsFirstTickIsNotWaitedFor() {
        TopologyTestDriver driver = startTask();
        assertThat(readiness.statusesComplete()).isFalse();
        driver.close();
        assertThat(readiness.statusesComplete()).isTrue();
    }

    /** One task of the topology (one partition), initialised: its processor has started. */
    private TopologyTestDriver startTask() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return new TopologyTestDriver(CollectorTopology.build(config, new Topics("ready"), clock,
                new CollectorMetrics(new SimpleMeterRegistry(), clock), 1, readiness), props, clock.instant());
    }
}
