package io.zsentinel.alerting.resync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZonedDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlackoutWindowTest {
    @ParameterizedTest(name = "{0} at {1}: {2}")
    @CsvSource({
        // 2026-01-05 is a Monday
        "sat 00:00-06:00,       2026-01-10T05:59:00Z, true",
        "sat 00:00-06:00,       2026-01-10T06:00:00Z, false",
        "sat 00:00-06:00,       2026-01-11T01:00:00Z, false",
        "'mon-fri 08:00-18:00', 2026-01-07T12:00:00Z, true",
        "'mon-fri 08:00-18:00', 2026-01-10T12:00:00Z, false",
        "'sat,sun 00:00-24:00', 2026-01-11T23:59:00Z, true",
        "'fri 22:00-06:00',     2026-01-09T23:00:00Z, true",
        "'fri 22:00-06:00',     2026-01-10T05:00:00Z, true",
        "'fri 22:00-06:00',     2026-01-10T07:00:00Z, false",
        "'fri 22:00-06:00',     2026-01-09T05:00:00Z, false",
        "'daily 12:00-13:00',   2026-01-06T12:30:00Z, true",
        "'fri-mon 01:00-02:00', 2026-01-05T01:30:00Z, true",
        "'fri-mon 01:00-02:00', 2026-01-06T01:30:00Z, false"
    })
    void containsTheRightMoments(String window, String at, boolean expected) {
        assertThat(BlackoutWindow.parse(window).contains(ZonedDateTime.parse(at)))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"'sat'", "'someday 01:00-02:00'", "'sat 25:00-26:00'", "'sat 01:00-01:00'", "'sat 1:00-2:00'"})
    void rejectsWhatItCannotRead(String window) {
        assertThatThrownBy(() -> BlackoutWindow.parse(window)).isInstanceOf(IllegalArgumentException.class);
    }
}
