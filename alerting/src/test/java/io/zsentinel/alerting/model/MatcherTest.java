package io.zsentinel.alerting.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MatcherTest {
    private static final Map<String, String> LABELS = Map.of("alertname", "chain.broken", "job", "lab/101-0");

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "alertname = \"chain.broken\"      ; true",
                "alertname=chain.broken             ; true",
                "alertname != \"chain.broken\"     ; false",
                "alertname =~ \"chain\\..*\"       ; true",
                "alertname =~ \"chain\"            ; false",
                "alertname !~ \"rpo.*\"            ; true",
                "job = \"lab/101-0\"               ; true",
                "pool = \"\"                       ; true",
                "pool != \"x\"                     ; true",
                "severity =~ \"critical|warning\"  ; false"
            })
    void matchesLikeAlertmanager(String text, boolean expected) {
        assertThat(Matcher.parse(text).matches(LABELS)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"alertname", "= x", "a == b", "a =~ \"(\""})
    void rejectsGarbageWithAReason(String text) {
        assertThatThrownBy(() -> Matcher.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"a = \"x\\\"y\"", "job=~\"lab/.*\""})
    void printsWhatItParses(String text) {
        Matcher m = Matcher.parse(text);
        assertThat(Matcher.parse(m.toString())).isEqualTo(m);
    }
}
