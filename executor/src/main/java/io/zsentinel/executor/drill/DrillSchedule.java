package io.zsentinel.executor.drill;

import io.zsentinel.executor.calendar.CalendarEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * When a job's scheduled restore drill is due, and whether to start one now. Pure.
 *
 * <p>A drill is due at the schedule's first time after {@code since}: the start of the last
 * drill that ran (completed, or found the replica wrong), or, before any, when the executor first
 * held the job with this schedule. A drill that could not run (a node unreachable, no room, no
 * replica yet) leaves {@code since} where it was, so the drill stays due (and, once late,
 * {@code drill.overdue}), and is tried again {@link #RETRY} after that try.
 */
public final class DrillSchedule {
    public static final Duration RETRY = Duration.ofMinutes(15);

    private DrillSchedule() {}

    /** Null when the schedule never fires again after {@code since}. */
    public static Instant due(CalendarEvent schedule, ZoneId zone, Instant since) {
        return schedule.next(since, zone).orElse(null);
    }

    /** Start now: due, and not tried within {@link #RETRY}. */
    public static boolean start(CalendarEvent schedule, ZoneId zone, Instant since, Instant lastTry, Instant now) {
        Instant due = due(schedule, zone, since);
        if (due == null || due.isAfter(now)) {
            return false;
        }
        // a try before this due time was for an earlier one; a try since then is retried after RETRY
        return lastTry == null || lastTry.isBefore(due) || !lastTry.plus(RETRY).isAfter(now);
    }

    /** Whether the drill's outcome moves {@code since} on: it ran (its verdict is in), rather than could not run. */
    public static boolean ran(String reason) {
        return reason == null || "CONTENT_DIFFERS".equals(reason) || "ERROR".equals(reason);
    }
}
