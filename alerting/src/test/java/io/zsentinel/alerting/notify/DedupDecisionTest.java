package io.zsentinel.alerting.notify;

import static io.zsentinel.alerting.notify.DedupDecision.Reason.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.alerting.nflog.NflogEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DedupDecisionTest {
    private static final Instant NOW = Instant.parse("2026-01-05T12:00:00Z");
    private static final Duration REPEAT = Duration.ofHours(4);

    /** entry: null, or "firing|resolved|minutes ago"; sets as comma lists. */
    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("never notified, something fires", null, "a", "", true, FIRST_NOTIFICATION),
                Arguments.of("never notified, only resolved", null, "", "a", true, NOTHING_FIRING),
                Arguments.of("never notified, empty group", null, "", "", true, NOTHING_FIRING),
                Arguments.of("a new alert fires", "a||10", "a,b", "", true, NEW_FIRING),
                Arguments.of("a new alert fires, send_resolved off", "a||10", "a,b", "", false, NEW_FIRING),
                Arguments.of("same firing, recent", "a,b||10", "a,b", "", true, UP_TO_DATE),
                Arguments.of("fewer firing, one resolved, send_resolved", "a,b||10", "a", "b", true, NEW_RESOLVED),
                Arguments.of("fewer firing, one resolved, no send_resolved", "a,b||10", "a", "b", false, UP_TO_DATE),
                Arguments.of("resolved already notified", "a|b|10", "a", "b", true, UP_TO_DATE),
                Arguments.of("all resolved", "a,b||10", "", "a,b", true, ALL_RESOLVED),
                Arguments.of("all resolved even without send_resolved", "a||10", "", "a", false, ALL_RESOLVED),
                Arguments.of("fired and resolved unseen", "|a|10", "", "b", true, RESOLVED_UNSEEN),
                Arguments.of("repeat interval passed", "a||240", "a", "", true, REPEAT_DUE),
                Arguments.of("repeat interval almost passed", "a||239", "a", "", true, UP_TO_DATE),
                Arguments.of("re-fired after being resolved", "|a|10", "a", "", true, NEW_FIRING));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decides(
            String name,
            String entry,
            String firing,
            String resolved,
            boolean sendResolved,
            DedupDecision.Reason expected) {
        assertThat(DedupDecision.needsUpdate(entry(entry), set(firing), set(resolved), sendResolved, REPEAT, NOW))
                .isEqualTo(expected);
    }

    private static NflogEntry entry(String spec) {
        if (spec == null) {
            return null;
        }
        String[] parts = spec.split("\\|", -1);
        Instant at = NOW.minus(Duration.ofMinutes(Long.parseLong(parts[2])));
        return new NflogEntry("g", "r", set(parts[0]), set(parts[1]), at, at.plus(Duration.ofDays(5)), "id");
    }

    private static Set<String> set(String list) {
        return list.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(list.split(",")));
    }
}
