package io.zsentinel.collector.finding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zsentinel.events.Fingerprint;
import io.zsentinel.events.data.FindingData;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FindingLifecycleTest {
    static final long RESEND = 300_000;

    static Condition rpo(String severity, String executor) {
        return new Condition(
                "lab/101-0",
                "rpo.breached",
                severity,
                Map.of("alertname", "rpo.breached", "cluster", "lab", "job", "lab/101-0", "executor", executor),
                Map.of("rpo_seconds", "1300"),
                "lab/101-0: effective RPO 21m exceeds target 20m",
                1300.0);
    }

    /** Runs the lifecycle over steps of (time, conditions present?) and returns the statuses emitted per step. */
    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(
                        "fires once, then quiet within the resend interval",
                        new long[] {0, 1000, 299_000},
                        new String[] {"warning", "warning", "warning"},
                        List.of("firing", "", "")),
                Arguments.of(
                        "re-fires after the resend interval",
                        new long[] {0, 300_000, 301_000, 600_000},
                        new String[] {"warning", "warning", "warning", "warning"},
                        List.of("firing", "firing", "", "firing")),
                Arguments.of(
                        "resolves once when the condition ends",
                        new long[] {0, 1000, 2000, 3000},
                        new String[] {"warning", null, null, null},
                        List.of("firing", "resolved", "", "")),
                Arguments.of(
                        "a new episode after a resolution",
                        new long[] {0, 1000, 2000},
                        new String[] {"warning", null, "warning"},
                        List.of("firing", "resolved", "firing")),
                Arguments.of(
                        "re-fires at once when the severity changes",
                        new long[] {0, 1000, 2000},
                        new String[] {"warning", "critical", "critical"},
                        List.of("firing", "firing", "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void lifecycle(String name, long[] times, String[] severities, List<String> expected) {
        Map<String, Episode> active = Map.of();
        for (int i = 0; i < times.length; i++) {
            List<Condition> conditions = severities[i] == null ? List.of() : List.of(rpo(severities[i], "ex1"));
            FindingLifecycle.Step step = FindingLifecycle.step(active, conditions, times[i], RESEND);
            String emitted = String.join(
                    ",",
                    step.emissions().stream().map(e -> e.finding().status()).toList());
            assertThat(emitted).as("step %d at %d", i, times[i]).isEqualTo(expected.get(i));
            active = step.active();
        }
    }

    @Test
    void startsAtStaysTheSameForAnEpisodeAndResolvedCarriesEndsAt() {
        FindingLifecycle.Step first = FindingLifecycle.step(Map.of(), List.of(rpo("warning", "ex1")), 1000, RESEND);
        FindingLifecycle.Step resent =
                FindingLifecycle.step(first.active(), List.of(rpo("warning", "ex1")), 400_000, RESEND);
        FindingLifecycle.Step resolved = FindingLifecycle.step(resent.active(), List.of(), 500_000, RESEND);
        FindingData fired = first.emissions().get(0).finding();
        FindingData again = resent.emissions().get(0).finding();
        FindingData end = resolved.emissions().get(0).finding();
        assertThat(again.startsAt()).isEqualTo(fired.startsAt()).isEqualTo(Instant.ofEpochMilli(1000));
        assertThat(end.startsAt()).isEqualTo(fired.startsAt());
        assertThat(end.endsAt()).isEqualTo(Instant.ofEpochMilli(500_000));
        assertThat(fired.endsAt()).isNull();
        assertThat(end.fingerprint())
                .isEqualTo(fired.fingerprint())
                .isEqualTo(Fingerprint.of(rpo("warning", "ex1").labels()));
        assertThat(resolved.active()).isEmpty();
        assertThat(resolved.nextResendMs()).isEqualTo(Long.MAX_VALUE);
        assertThat(first.nextResendMs()).isEqualTo(1000 + RESEND);
    }

    @Test
    void changedLabelsResolveTheOldFingerprintAndFireTheNew() {
        FindingLifecycle.Step first = FindingLifecycle.step(Map.of(), List.of(rpo("warning", "ex1")), 0, RESEND);
        FindingLifecycle.Step moved =
                FindingLifecycle.step(first.active(), List.of(rpo("warning", "ex2")), 1000, RESEND);
        assertThat(moved.emissions()).extracting(e -> e.finding().status()).containsExactly("resolved", "firing");
        assertThat(moved.emissions().get(0).finding().labels()).containsEntry("executor", "ex1");
        assertThat(moved.emissions().get(1).finding().labels()).containsEntry("executor", "ex2");
        assertThat(moved.emissions().get(1).finding().startsAt()).isEqualTo(Instant.ofEpochMilli(1000));
    }

    @Test
    void conditionsMustCarryTheirAlertname() {
        assertThatThrownBy(() ->
                        new Condition("s", "job.stalled", "warning", Map.of("alertname", "x"), Map.of(), "s", null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
