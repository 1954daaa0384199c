package io.zsentinel.executor.scheduling;

import io.zsentinel.executor.calendar.CalendarEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * When a job runs next, as pvesr decides it: from {@code last_try} (not {@code last_sync});
 * after a failure the retry backoff (5, 10, 15, then every 30 minutes) or the next scheduled
 * time, whichever is sooner. A job never tried is due at once.
 */
public final class NextRun {
    private NextRun() {}

    /** pvesr's backoff: {@code 60 x (fail_count <= 3 ? 5 x fail_count : 30)} seconds. */
    public static Duration backoff(int failCount) {
        if (failCount <= 0) {
            return Duration.ZERO;
        }
        return Duration.ofMinutes(failCount <= 3 ? 5L * failCount : 30);
    }

    /** Empty when the schedule never fires again and no retry is pending. */
    public static Optional<Instant> next(CalendarEvent schedule, ZoneId zone, JobRunState state, Instant now) {
        if (state.lastTry() == null) {
            return Optional.of(now);
        }
        Optional<Instant> scheduled = schedule.next(state.lastTry(), zone);
        if (state.failCount() == 0) {
            return scheduled;
        }
        Instant retry = state.lastTry().plus(backoff(state.failCount()));
        return Optional.of(scheduled.filter(s -> s.isBefore(retry)).orElse(retry));
    }

    /** Due now: not running and its next run is not in the future. */
    public static boolean due(CalendarEvent schedule, ZoneId zone, JobRunState state, Instant now) {
        return !state.running()
                && next(schedule, zone, state, now).map(n -> !n.isAfter(now)).orElse(false);
    }
}
