package io.zsentinel.collector.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zsentinel.events.state.JobStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Queue;
import org.junit.jupiter.api.Test;

/** A job's gauges, registered by the registrar after its first evaluation, show what that evaluation set. */
class CollectorMetricsTest {
    final Instant now = Instant.parse("2026-12-03T10:00:00Z");
    final Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final Queue<Runnable> registrations = new ArrayDeque<>();
    final CollectorMetrics metrics = new CollectorMetrics(registry, clock, registrations::add);

    @Test
    void aJobsGaugesAreRegisteredByTheRegistrarOnceAndReadItsLatestValues() {
        metrics.job(status("lab/101-0", now.minusSeconds(90), 600, "OK"));
        assertThat(registry.find("zsentinel.job.rpo").gauge())
                .as("not registered by the evaluation")
                .isNull();
        assertThat(registrations).hasSize(1);

        metrics.job(status("lab/101-0", now.minusSeconds(30), 600, "AT_RISK"));
        assertThat(registrations).as("one registration per job").hasSize(1);
        registrations.remove().run();

        assertThat(registry.get("zsentinel.job.rpo")
                        .tag("job", "lab/101-0")
                        .gauge()
                        .value())
                .isEqualTo(30.0);
        assertThat(registry.get("zsentinel.job.rpo.target").gauge().value()).isEqualTo(600.0);
        assertThat(registry.get("zsentinel.job.chain").gauge().value()).isEqualTo(2.0);
        assertThat(metrics.trackedJobs()).isEqualTo(1);
    }

    @Test
    void theDefaultRegistersAtOnce() {
        CollectorMetrics direct = new CollectorMetrics(registry, clock);
        direct.job(status("lab/102-0", now.minusSeconds(5), 60, "OK"));
        assertThat(registry.get("zsentinel.job.rpo")
                        .tag("job", "lab/102-0")
                        .gauge()
                        .value())
                .isEqualTo(5.0);
    }

    private static JobStatus status(String job, Instant lastSync, long rpoTarget, String chain) {
        return new JobStatus(
                job, "pve1", "pve2", "ex1", true, "*/5", lastSync, "b", lastSync, null, 1500L, 0, null, null, "OK",
                null, rpoTarget, chain, 1, 300L, null, lastSync);
    }
}
