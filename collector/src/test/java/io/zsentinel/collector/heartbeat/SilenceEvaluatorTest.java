package io.zsentinel.collector.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.collector.Thresholds;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SilenceEvaluatorTest {
    @ParameterizedTest(name = "interval {0}s, last seen {1}s ago -> silent {2}")
    @CsvSource({"30, 0, false", "30, 89, false", "30, 90, false", "30, 91, true", "60, 181, true", "60, 179, false"})
    void silentAfterThreeMissedHeartbeats(long interval, long agoSeconds, boolean silent) {
        ExecutorState e = new ExecutorState("ex1", "lab", interval, 1_000_000, Map.of(), Map.of());
        long now = e.lastSeenMs() + agoSeconds * 1000;
        SilenceEvaluator.Result r = SilenceEvaluator.evaluate(e, Thresholds.defaults(), now);
        assertThat(r.conditions().isEmpty()).isEqualTo(!silent);
        if (silent) {
            assertThat(r.conditions().get(0).labels())
                    .containsEntry("alertname", "executor.silent")
                    .containsEntry("executor", "ex1")
                    .containsEntry("cluster", "lab");
            assertThat(r.conditions().get(0).summary()).startsWith("executor ex1 silent for");
        } else {
            assertThat(r.nextCheckMs()).isEqualTo(e.lastSeenMs() + 3 * interval * 1000 + 1);
        }
    }

    @Test
    void aCollectorThatWasDownGivesTheHeartbeatsWaitingInTheTopicTheirIntervalsFromItsStart() {
        ExecutorState e = new ExecutorState("ex1", null, 30, 1_000_000, Map.of(), Map.of());
        long started = e.lastSeenMs() + 3_600_000; // the collector was down for an hour
        SilenceEvaluator.Result atStart = SilenceEvaluator.evaluate(e, Thresholds.defaults(), started + 1000, started);
        assertThat(atStart.conditions())
                .as("not judged on the heartbeat stored before the outage")
                .isEmpty();
        assertThat(atStart.nextCheckMs()).isEqualTo(started + 90_000 + 1);
        SilenceEvaluator.Result later = SilenceEvaluator.evaluate(e, Thresholds.defaults(), started + 90_001, started);
        assertThat(later.conditions())
                .singleElement()
                .satisfies(c -> assertThat(c.summary())
                        .as("silence still counts from the last heartbeat")
                        .contains("silent for 1h"));
    }
}
