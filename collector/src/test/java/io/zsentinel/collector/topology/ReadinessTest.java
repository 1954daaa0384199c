package io.zsentinel.collector.topology;

import static io.zsentinel.collector.fixtures.Events.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.collector.CollectorConfig;
import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task's statuses are complete only once its first tick has evaluated what it holds. */
class ReadinessTest {
    final CollectorConfig config = CollectorConfig.defaults();

    @TempDir
    Path stateDir;

    @Test
    void aStartedTaskIsWaitedForUntilItsFirstTickAndNoLongerOnceClosed() {
        Readiness readiness;
        try (Harness h = new Harness(config, stateDir)) {
            readiness = h.readiness;
            assertThat(readiness.statusesComplete())
                    .as("started, not evaluated")
                    .isFalse();
            h.advance(Duration.ofMillis(10));
            assertThat(readiness.statusesComplete()).as("after the first tick").isTrue();
        }
        assertThat(readiness.statusesComplete()).isTrue();
    }

    @Test
    void theFirstTickComesAtOnceNotAfterAPunctuateInterval() {
        // a restarted collector is not ready before its first tick: waiting a whole interval for it was a second lost
        assertThat(config.punctuateInterval()).isEqualTo(Duration.ofSeconds(1));
        try (Harness h = new Harness(config, stateDir)) {
            h.advance(Duration.ofMillis(9));
            assertThat(h.readiness.statusesComplete())
                    .as("9 ms after the start")
                    .isFalse();
            h.advance(Duration.ofMillis(1));
            assertThat(h.readiness.statusesComplete())
                    .as("10 ms after the start")
                    .isTrue();
        }
    }

    @Test
    void aTaskCatchingUpTicksFirstOnceTheRecordsProducedBeforeItStartedStopComing() {
        String job = "lab/101-0";
        try (Harness h = new Harness(config, stateDir)) {
            // what waited in the topic: a sync of long ago, then the sync made during the outage
            backlog(
                    h,
                    succeeded(
                            job, Harness.START.minus(Duration.ofHours(2)), "a", at(Harness.START.minusSeconds(3600))));
            h.advance(Duration.ofMillis(10));
            assertThat(h.readiness.statusesComplete())
                    .as("a record older than the task came 10 ms ago")
                    .isFalse();
            backlog(h, succeeded(job, Harness.START.minusSeconds(30), "b", at(Harness.START.minusSeconds(29))));
            h.advance(Duration.ofMillis(40));
            assertThat(h.readiness.statusesComplete())
                    .as("40 ms after the last one")
                    .isFalse();
            h.advance(Duration.ofMillis(10));
            assertThat(h.readiness.statusesComplete())
                    .as("50 ms after the last one: caught up")
                    .isTrue();
            assertThat(h.jobs.get(job).lastSnapshot()).isEqualTo("b");
            assertThat(h.findings).as("the old sync was never judged alone").isEmpty();
        }
    }

    @Test
    void recordsProducedAfterTheStartDoNotHoldTheFirstTick() {
        try (Harness h = new Harness(config, stateDir)) {
            h.pipe(succeeded("lab/101-0", Harness.START.minusSeconds(30), "b", h.clock));
            h.advance(Duration.ofMillis(10));
            assertThat(h.readiness.statusesComplete()).isTrue();
        }
    }

    @Test
    void aTaskThatNeverCatchesUpTicksAtTheRegularInterval() {
        try (Harness h = new Harness(config, stateDir)) {
            for (int i = 0; i < 99; i++) {
                backlog(
                        h,
                        succeeded("lab/101-0", Harness.START.minusSeconds(30), "b", at(Harness.START.minusSeconds(1))));
                h.advance(Duration.ofMillis(10));
                assertThat(h.readiness.statusesComplete())
                        .as("after %d ms", (i + 1) * 10)
                        .isFalse();
            }
            h.advance(Duration.ofMillis(10));
            assertThat(h.readiness.statusesComplete())
                    .as("one punctuate interval after the start")
                    .isTrue();
        }
    }

    private static void backlog(Harness h, Envelope e) {
        h.events.pipeInput(e.subject().getBytes(StandardCharsets.UTF_8), EventCodec.encode(e), e.time());
        h.drain();
    }

    private static Clock at(Instant t) {
        return Clock.fixed(t, ZoneOffset.UTC);
    }

    @Test
    void aTaskClosedBeforeItsFirstTickIsNotWaitedFor() {
        Harness h = new Harness(config, stateDir);
        assertThat(h.readiness.statusesComplete()).isFalse();
        h.close();
        assertThat(h.readiness.statusesComplete()).isTrue();
    }

    @Test
    void noTaskNoWait() {
        assertThat(new Readiness().statusesComplete()).isTrue();
    }
}
