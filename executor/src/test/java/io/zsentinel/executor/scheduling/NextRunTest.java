package io.zsentinel.executor.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.executor.calendar.CalendarEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NextRunTest {
    @ParameterizedTest(name = "fail {0} -> {1} min")
    @CsvSource({"0,0", "1,5", "2,10", "3,15", "4,30", "5,30", "48,30"})
    void backoffIsPvesrs(int failCount, long minutes) {
        assertThat(NextRun.backoff(failCount)).isEqualTo(Duration.ofMinutes(minutes));
    }

    @ParameterizedTest(name = "{0} lastTry={1} fails={2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # never tried: at once
            */15   |                      | 0 | 2026-11-26T10:07:00Z
            # success: the schedule after last_try (not after last_sync)
            */15   | 2026-11-26T10:00:00Z | 0 | 2026-11-26T10:15:00Z
            */15   | 2026-11-26T10:03:00Z | 0 | 2026-11-26T10:15:00Z
            # failure: the schedule comes before the backoff
            */5    | 2026-11-26T10:00:00Z | 2 | 2026-11-26T10:05:00Z
            */15   | 2026-11-26T10:00:00Z | 3 | 2026-11-26T10:15:00Z
            # failure: the backoff comes first
            hourly | 2026-11-26T10:00:00Z | 1 | 2026-11-26T10:05:00Z
            hourly | 2026-11-26T10:00:00Z | 2 | 2026-11-26T10:10:00Z
            hourly | 2026-11-26T10:00:00Z | 3 | 2026-11-26T10:15:00Z
            hourly | 2026-11-26T10:00:00Z | 4 | 2026-11-26T10:30:00Z
            hourly | 2026-11-26T10:00:00Z | 9 | 2026-11-26T10:30:00Z
            daily  | 2026-11-26T10:00:00Z | 9 | 2026-11-26T10:30:00Z
            # a schedule that never fires again still retries
            2020-01-01 | 2026-11-26T10:00:00Z | 1 | 2026-11-26T10:05:00Z
            """)
    void nextRun(String schedule, String lastTry, int failCount, String expected) {
        Instant now = Instant.parse("2026-11-26T10:07:00Z");
        JobRunState state = new JobRunState(lastTry == null ? null : Instant.parse(lastTry), null, failCount, false);
        assertThat(NextRun.next(CalendarEvent.parse(schedule), ZoneOffset.UTC, state, now))
                .contains(Instant.parse(expected));
    }

    @ParameterizedTest(name = "now={0} running={1} -> due {2}")
    @CsvSource({
        "2026-11-26T10:14:59Z,false,false",
        "2026-11-26T10:15:00Z,false,true",
        "2026-11-26T11:00:00Z,false,true",
        "2026-11-26T11:00:00Z,true,false"
    })
    void dueOnlyWhenNotRunningAndTimeHasCome(String now, boolean running, boolean due) {
        JobRunState state = new JobRunState(Instant.parse("2026-11-26T10:00:00Z"), null, 0, running);
        assertThat(NextRun.due(CalendarEvent.parse("*/15"), ZoneOffset.UTC, state, Instant.parse(now)))
                .isEqualTo(due);
    }

    @org.junit.jupiter.api.Test
    void stateTransitionsFollowPvesr() {
        Instant t = Instant.parse("2026-11-26T10:00:00Z");
        JobRunState s =
                JobRunState.NEW.started(t).failed().started(t.plusSeconds(300)).failed();
        assertThat(s.failCount()).isEqualTo(2);
        assertThat(s.running()).isFalse();
        JobRunState ok = s.started(t.plusSeconds(900)).succeeded(t.plusSeconds(900));
        assertThat(ok.failCount()).isZero();
        assertThat(ok.lastSync()).isEqualTo(t.plusSeconds(900));
        assertThat(ok.lastTry()).isEqualTo(t.plusSeconds(900));
    }
}
