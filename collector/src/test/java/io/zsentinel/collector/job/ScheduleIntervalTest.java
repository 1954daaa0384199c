package io.zsentinel.collector.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleIntervalTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "*/5 | PT5M",
                "*/15 | PT15M",
                "*:*/10 | PT10M",
                "*/00 | PT1H",
                "minutely | PT1M",
                "hourly | PT1H",
                "daily | PT24H",
                "weekly | PT168H",
                "mon..fri 8..17,22:0/15 | ",
                "12,14,16,18,20,22:5 | ",
                " | "
            })
    void commonCalendarEventsHaveAnInterval(String schedule, String expected) {
        assertThat(ScheduleInterval.estimate(schedule).orElse(null))
                .isEqualTo(expected == null ? null : Duration.parse(expected));
    }
}
