package io.zsentinel.executor.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.executor.calendar.CalendarEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** When a scheduled drill is due and when it starts, retries included. */
class DrillScheduleTest {
    private static final CalendarEvent QUARTERLY = CalendarEvent.parse("quarterly");
    private static final Instant SINCE = Instant.parse("2026-11-20T12:00:00Z");
    private static final Instant DUE = Instant.parse("2027-01-01T00:00:00Z");

    private static boolean start(Instant lastTry, Instant now) {
        return DrillSchedule.start(QUARTERLY, ZoneOffset.UTC, SINCE, lastTry, now);
    }

    @Test
    void dueAtTheSchedulesFirstTimeAfterSince() {
        assertThat(DrillSchedule.due(QUARTERLY, ZoneOffset.UTC, SINCE)).isEqualTo(DUE);
        assertThat(DrillSchedule.due(CalendarEvent.parse("2015-10-21"), ZoneOffset.UTC, SINCE))
                .isNull();
    }

    @Test
    void startsWhenDueAndNotTriedForThisDueTime() {
        assertThat(start(null, DUE.minusSeconds(1))).isFalse();
        assertThat(start(null, DUE)).isTrue();
        assertThat(start(SINCE, DUE.plusSeconds(60)))
                .as("the last try was for the previous due time")
                .isTrue();
    }

    @Test
    void aDrillThatCouldNotRunIsTriedAgainAfterTheRetryInterval() {
        Instant tried = DUE.plusSeconds(10);
        assertThat(start(tried, tried.plus(DrillSchedule.RETRY).minusSeconds(1)))
                .isFalse();
        assertThat(start(tried, tried.plus(DrillSchedule.RETRY))).isTrue();
    }

    @Test
    void onlyADrillThatRanMovesTheScheduleOn() {
        assertThat(DrillSchedule.ran(null)).isTrue();
        assertThat(DrillSchedule.ran("CONTENT_DIFFERS")).isTrue();
        assertThat(DrillSchedule.ran("ERROR")).isTrue();
        for (String couldNotRun : new String[] {"NO_REPLICA", "NOT_ON_SOURCE", "NO_SPACE", "UNREACHABLE"}) {
            assertThat(DrillSchedule.ran(couldNotRun)).as(couldNotRun).isFalse();
        }
    }
}
