package io.zsentinel.executor.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every example of pvesr.md and the Proxmox docs, the keywords, and DST both ways. Times in UTC. */
class CalendarEventTest {
    private static final String THU = "2026-11-26T07:31:12Z";

    @ParameterizedTest(name = "{0} after {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            */5                      | 2026-11-26T07:31:12Z | 2026-11-26T07:35:00Z
            */5                      | 2026-11-26T07:35:00Z | 2026-11-26T07:40:00Z
            */5                      | 2026-11-26T23:55:00Z | 2026-11-27T00:00:00Z
            0/5                      | 2026-11-26T07:31:12Z | 2026-11-26T07:35:00Z
            */15                     | 2026-11-26T07:31:12Z | 2026-11-26T07:45:00Z
            *                        | 2026-11-26T07:31:12Z | 2026-11-26T07:32:00Z
            */1                      | 2026-11-26T07:31:12Z | 2026-11-26T07:32:00Z
            */00                     | 2026-11-26T07:31:12Z | 2026-11-26T08:00:00Z
            */00                     | 2026-11-26T08:00:00Z | 2026-11-26T09:00:00Z
            minutely                 | 2026-11-26T07:31:12Z | 2026-11-26T07:32:00Z
            hourly                   | 2026-11-26T07:31:12Z | 2026-11-26T08:00:00Z
            daily                    | 2026-11-26T07:31:12Z | 2026-11-27T00:00:00Z
            weekly                   | 2026-11-26T07:31:12Z | 2026-11-30T00:00:00Z
            monthly                  | 2026-11-26T07:31:12Z | 2026-12-01T00:00:00Z
            yearly                   | 2026-11-26T07:31:12Z | 2027-01-01T00:00:00Z
            annually                 | 2026-11-26T07:31:12Z | 2027-01-01T00:00:00Z
            quarterly                | 2026-11-26T07:31:12Z | 2027-01-01T00:00:00Z
            quarterly                | 2027-01-01T00:00:00Z | 2027-04-01T00:00:00Z
            semiannually             | 2027-01-01T00:00:00Z | 2027-07-01T00:00:00Z
            semi-annually            | 2026-11-26T07:31:12Z | 2027-01-01T00:00:00Z
            mon..fri 8..17,22:0/15   | 2026-11-26T07:31:12Z | 2026-11-26T08:00:00Z
            mon..fri 8..17,22:0/15   | 2026-11-26T08:00:00Z | 2026-11-26T08:15:00Z
            mon..fri 8..17,22:0/15   | 2026-11-26T17:45:00Z | 2026-11-26T22:00:00Z
            mon..fri 8..17,22:0/15   | 2026-11-26T22:45:00Z | 2026-11-27T08:00:00Z
            mon..fri 8..17,22:0/15   | 2026-11-27T22:45:00Z | 2026-11-30T08:00:00Z
            12,14,16,18,20,22:5      | 2026-11-26T07:31:12Z | 2026-11-26T12:05:00Z
            12,14,16,18,20,22:5      | 2026-11-26T12:05:00Z | 2026-11-26T14:05:00Z
            12,14,16,18,20,22:5      | 2026-11-26T22:05:00Z | 2026-11-27T12:05:00Z
            12/2:5                   | 2026-11-26T12:05:00Z | 2026-11-26T14:05:00Z
            12/2:5                   | 2026-11-26T22:05:00Z | 2026-11-27T12:05:00Z
            fri 12..13:5/20          | 2026-11-26T07:31:12Z | 2026-11-27T12:05:00Z
            fri 12..13:5/20          | 2026-11-27T12:05:00Z | 2026-11-27T12:25:00Z
            fri 12..13:5/20          | 2026-11-27T12:45:00Z | 2026-11-27T13:05:00Z
            fri 12..13:5/20          | 2026-11-27T13:45:00Z | 2026-12-04T12:05:00Z
            fri 12,13:5/20           | 2026-11-27T13:25:00Z | 2026-11-27T13:45:00Z
            mon,tue,wed,thu,fri      | 2026-11-26T07:31:12Z | 2026-11-27T00:00:00Z
            mon..fri                 | 2026-11-27T00:00:00Z | 2026-11-30T00:00:00Z
            sat,sun                  | 2026-11-26T07:31:12Z | 2026-11-28T00:00:00Z
            sat..sun                 | 2026-11-28T00:00:00Z | 2026-11-29T00:00:00Z
            sat..mon                 | 2026-11-29T00:00:00Z | 2026-11-30T00:00:00Z
            sat..mon                 | 2026-11-30T00:00:00Z | 2026-12-05T00:00:00Z
            Sat                      | 2026-11-26T07:31:12Z | 2026-11-28T00:00:00Z
            saturday                 | 2026-11-26T07:31:12Z | 2026-11-28T00:00:00Z
            mon,wed,fri              | 2026-11-26T07:31:12Z | 2026-11-27T00:00:00Z
            mon..wed 30/10           | 2026-11-26T07:31:12Z | 2026-11-30T00:30:00Z
            mon..wed 30/10           | 2026-11-30T00:30:00Z | 2026-11-30T00:40:00Z
            mon..wed 30/10           | 2026-11-30T00:50:00Z | 2026-11-30T01:30:00Z
            mon,tue,wed 30/10        | 2026-12-02T23:50:00Z | 2026-12-07T00:30:00Z
            12:05                    | 2026-11-26T07:31:12Z | 2026-11-26T12:05:00Z
            12:5                     | 2026-11-26T12:05:00Z | 2026-11-27T12:05:00Z
            0..5/2:0                 | 2026-11-26T02:00:00Z | 2026-11-26T04:00:00Z
            *-05                     | 2026-11-26T07:31:12Z | 2026-12-05T00:00:00Z
            Sat *-1..7 15:00         | 2026-11-26T07:31:12Z | 2026-12-05T15:00:00Z
            Sat *-1..7 15:00         | 2026-12-05T15:00:00Z | 2027-01-02T15:00:00Z
            2027-10-21               | 2026-11-26T07:31:12Z | 2027-10-21T00:00:00Z
            *-02-29                  | 2026-11-26T07:31:12Z | 2028-02-29T00:00:00Z
            *:*:*                    | 2026-11-26T07:31:12Z | 2026-11-26T07:31:13Z
            *:3:5                    | 2026-11-26T07:31:12Z | 2026-11-26T08:03:05Z
            8:30:15                  | 2026-11-26T07:31:12Z | 2026-11-26T08:30:15Z
            */5 UTC                  | 2026-11-26T07:31:12Z | 2026-11-26T07:35:00Z
            """)
    void nextInUtc(String spec, String last, String expected) {
        assertThat(CalendarEvent.parse(spec).next(Instant.parse(last), ZoneOffset.UTC))
                .contains(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2015-10-21", "*-02-30", "2020-*-*"})
    void neverAgainIsEmpty(String spec) {
        assertThat(CalendarEvent.parse(spec).next(Instant.parse(THU), ZoneOffset.UTC))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0} in {1} after {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            12:00      | Europe/Berlin    | 2026-11-26T07:31:12Z | 2026-11-26T11:00:00Z
            12:00      | America/New_York | 2026-11-26T07:31:12Z | 2026-11-26T17:00:00Z
            12:00 UTC  | Europe/Berlin    | 2026-11-26T07:31:12Z | 2026-11-26T12:00:00Z
            daily      | Asia/Kolkata     | 2026-11-26T07:31:12Z | 2026-11-26T18:30:00Z
            # spring forward, Berlin 2026-03-29 02:00 CET -> 03:00 CEST: the gap is not a pause
            */15       | Europe/Berlin    | 2026-03-29T00:45:00Z | 2026-03-29T01:00:00Z
            */15       | Europe/Berlin    | 2026-03-29T01:00:00Z | 2026-03-29T01:15:00Z
            # a daily run inside the gap moves by the gap (02:30 -> 03:30 CEST), it is not skipped
            2:30       | Europe/Berlin    | 2026-03-28T01:30:00Z | 2026-03-29T01:30:00Z
            2:30       | Europe/Berlin    | 2026-03-29T01:30:00Z | 2026-03-30T00:30:00Z
            2:30       | America/New_York | 2026-03-07T07:30:00Z | 2026-03-08T07:30:00Z
            # fall back, Berlin 2026-10-25 03:00 CEST -> 02:00 CET: the repeated hour runs again
            */15       | Europe/Berlin    | 2026-10-25T00:45:00Z | 2026-10-25T01:00:00Z
            */15       | Europe/Berlin    | 2026-10-25T01:45:00Z | 2026-10-25T02:00:00Z
            2:30       | Europe/Berlin    | 2026-10-24T00:30:00Z | 2026-10-25T00:30:00Z
            2:30       | Europe/Berlin    | 2026-10-25T00:30:00Z | 2026-10-25T01:30:00Z
            2:30       | Europe/Berlin    | 2026-10-25T01:30:00Z | 2026-10-26T01:30:00Z
            3:00       | Europe/Berlin    | 2026-10-24T01:00:00Z | 2026-10-25T02:00:00Z
            2:30 UTC   | Europe/Berlin    | 2026-10-24T02:30:00Z | 2026-10-25T02:30:00Z
            """)
    void nextInLocalZones(String spec, String zone, String last, String expected) {
        assertThat(CalendarEvent.parse(spec).next(Instant.parse(last), ZoneId.of(zone)))
                .contains(Instant.parse(expected));
    }

    @Test
    void aWeekOfFifteenMinuteRunsAcrossFallBackHasNoGapLongerThanFifteenMinutes() {
        CalendarEvent event = CalendarEvent.parse("*/15");
        Instant t = Instant.parse("2026-10-24T00:00:00Z");
        for (int i = 0; i < 7 * 96; i++) {
            Instant next = event.next(t, ZoneId.of("Europe/Berlin")).orElseThrow();
            assertThat(Duration.between(t, next)).isEqualTo(Duration.ofMinutes(15));
            t = next;
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "foo",
                "*/60",
                "25:00",
                "12:60",
                "mon..fox",
                "1..",
                "12:5 extra",
                "*-13-01",
                "*-00-01",
                "UTC",
                "5..3",
                "mon..fri 8..17,22:0/15 junk",
                "1:2:3:4",
                "1-2-3-4",
                "a,b",
                "12:*/99",
                "*,5"
            })
    void rejectsWithAMessageNamingTheSchedule(String spec) {
        assertThatThrownBy(() -> CalendarEvent.parse(spec))
                .isInstanceOf(ScheduleParseException.class)
                .hasMessageStartingWith("invalid schedule");
    }

    @ParameterizedTest
    @CsvSource({
        "*/5,PT5M",
        "*/15,PT15M",
        "hourly,PT1H",
        "daily,PT24H",
        "*/00,PT1H",
        "weekly,PT168H",
        "'mon..fri 8..17,22:0/15',PT57H15M"
    })
    void typicalIntervalIsTheLongestGap(String spec, String interval) {
        assertThat(CalendarEvent.parse(spec).typicalInterval()).isEqualTo(Duration.parse(interval));
    }

    @Test
    void keepsItsText() {
        assertThat(CalendarEvent.parse(" */5 ").text()).isEqualTo("*/5");
        assertThat(CalendarEvent.parse("12:00 UTC").utc()).isTrue();
        assertThat(CalendarEvent.parse("12:00").next(Instant.parse(THU), ZoneOffset.UTC))
                .isEqualTo(Optional.of(Instant.parse("2026-11-26T12:00:00Z")));
    }
}
