package io.zsentinel.collector.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.collector.CollectorConfig;
import java.nio.file.Path;
import java.time.Duration;
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
            assertThat(readiness.statusesComplete()).as("started, not evaluated").isFalse();
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
            assertThat(h.readiness.statusesComplete()).as("9 ms after the start").isFalse();
            h.advance(Duration.ofMillis(1));
            assertThat(h.readiness.statusesComplete()).as("10 ms after the start").isTrue();
        }
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
