package io.zsentinel.executor.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A parsed Proxmox calendar event ({@code [WEEKDAY] [[YEARS-]MONTHS-DAYS] [HOURS:]MINUTES[:SECONDS] [UTC]}).
 * Pure: {@link #next(Instant, ZoneId)} takes the last run and the local zone and returns the
 * next instant whose wall-clock time (in that zone, or UTC) matches. See design.md for the DST rules.
 */
public final class CalendarEvent {
    /** How far the search looks ahead before it says "never" (e.g. {@code 2015-10-21} or Feb 30). */
    private static final int HORIZON_YEARS = 100;
    /** Larger than any UTC offset change (DST is 1 h, a few zones 30 min or 2 h). */
    private static final Duration MAX_SHIFT = Duration.ofHours(3);

    private final String text;
    private final Set<DayOfWeek> weekdays;
    private final ValueSet years;
    private final ValueSet months;
    private final ValueSet days;
    private final ValueSet hours;
    private final ValueSet minutes;
    private final ValueSet seconds;
    private final boolean utc;

    CalendarEvent(
            String text,
            Set<DayOfWeek> weekdays,
            ValueSet years,
            ValueSet months,
            ValueSet days,
            ValueSet hours,
            ValueSet minutes,
            ValueSet seconds,
            boolean utc) {
        this.text = text;
        this.weekdays = weekdays.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(weekdays);
        this.years = years;
        this.months = months;
        this.days = days;
        this.hours = hours;
        this.minutes = minutes;
        this.seconds = seconds;
        this.utc = utc;
    }

    /** Parses the Proxmox syntax; throws {@link ScheduleParseException} naming the bad part. */
    public static CalendarEvent parse(String text) {
        return CalendarEventParser.parse(text);
    }

    public String text() {
        return text;
    }

    public boolean utc() {
        return utc;
    }

    /**
     * The first instant strictly after {@code last} whose wall-clock time matches, in UTC when
     * the event says so, else in {@code localZone}; empty when it never matches again.
     */
    public Optional<Instant> next(Instant last, ZoneId localZone) {
        ZoneId zone = utc ? ZoneOffset.UTC : localZone;
        ZoneRules rules = zone.getRules();
        Instant after = last.truncatedTo(ChronoUnit.SECONDS);
        // Start early enough that a wall time of a repeated (fall-back) hour whose instant is
        // after `last` is not missed.
        LocalDateTime cursor = LocalDateTime.ofInstant(after.plusSeconds(1), zone)
                .minus(rules.isFixedOffset() ? Duration.ZERO : MAX_SHIFT);
        int lastYear = cursor.getYear() + HORIZON_YEARS;
        Instant best = null;
        while (true) {
            Optional<LocalDateTime> wall = nextWall(cursor, lastYear);
            if (wall.isEmpty()) {
                break;
            }
            if (best != null
                    && wall.get().isAfter(LocalDateTime.ofInstant(best, zone).plus(MAX_SHIFT))) {
                break;
            }
            for (Instant candidate : instants(wall.get(), rules)) {
                if (candidate.isAfter(last) && (best == null || candidate.isBefore(best))) {
                    best = candidate;
                }
            }
            cursor = wall.get().plusSeconds(1);
        }
        return Optional.ofNullable(best);
    }

    /**
     * The instants a wall time stands for: one normally, two in a fall-back overlap, and in a
     * spring-forward gap the instant it would have been, shifted by the gap (02:30 -> 03:30),
     * so a daily 02:30 run is moved, not skipped.
     */
    static List<Instant> instants(LocalDateTime wall, ZoneRules rules) {
        List<ZoneOffset> offsets = rules.getValidOffsets(wall);
        List<Instant> result = new ArrayList<>(2);
        if (offsets.isEmpty()) {
            ZoneOffsetTransition gap = rules.getTransition(wall);
            result.add(wall.plus(gap.getDuration()).toInstant(gap.getOffsetAfter()));
        } else {
            for (ZoneOffset offset : offsets) {
                result.add(wall.toInstant(offset));
            }
        }
        return result;
    }

    /** The first wall-clock time at or after {@code from} that matches every field. */
    Optional<LocalDateTime> nextWall(LocalDateTime from, int lastYear) {
        LocalDateTime c = from.truncatedTo(ChronoUnit.SECONDS);
        if (c.isBefore(from)) {
            c = c.plusSeconds(1);
        }
        for (int guard = 0; guard < 1_000_000; guard++) {
            int year = c.getYear();
            OptionalInt y = years.next(year, lastYear);
            if (y.isEmpty()) {
                return Optional.empty();
            }
            if (y.getAsInt() != year) {
                c = LocalDateTime.of(y.getAsInt(), 1, 1, 0, 0, 0);
                continue;
            }
            OptionalInt m = months.next(c.getMonthValue(), 12);
            if (m.isEmpty()) {
                c = LocalDateTime.of(year + 1, 1, 1, 0, 0, 0);
                continue;
            }
            if (m.getAsInt() != c.getMonthValue()) {
                c = LocalDateTime.of(year, m.getAsInt(), 1, 0, 0, 0);
                continue;
            }
            if (!days.matches(c.getDayOfMonth()) || !weekdays.contains(c.getDayOfWeek())) {
                c = c.toLocalDate().plusDays(1).atStartOfDay();
                continue;
            }
            OptionalInt h = hours.next(c.getHour(), 23);
            if (h.isEmpty()) {
                c = c.toLocalDate().plusDays(1).atStartOfDay();
                continue;
            }
            if (h.getAsInt() != c.getHour()) {
                c = c.toLocalDate().atTime(h.getAsInt(), 0, 0);
                continue;
            }
            OptionalInt mi = minutes.next(c.getMinute(), 59);
            if (mi.isEmpty()) {
                c = c.truncatedTo(ChronoUnit.HOURS).plusHours(1);
                continue;
            }
            if (mi.getAsInt() != c.getMinute()) {
                c = c.truncatedTo(ChronoUnit.HOURS).withMinute(mi.getAsInt());
                continue;
            }
            OptionalInt s = seconds.next(c.getSecond(), 59);
            if (s.isEmpty()) {
                c = c.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
                continue;
            }
            return Optional.of(c.withSecond(s.getAsInt()));
        }
        return Optional.empty();
    }

    /**
     * The longest distance between two consecutive runs, measured in UTC over up to 2000 runs
     * or 400 days after 2021-01-04 (a Monday): the default RPO target is this plus 5 minutes.
     */
    public Duration typicalInterval() {
        Instant start = Instant.parse("2021-01-04T00:00:00Z");
        Instant t = start.minusSeconds(1);
        Duration longest = Duration.ZERO;
        Instant previous = null;
        for (int i = 0; i < 2000 && t.isBefore(start.plus(Duration.ofDays(400))); i++) {
            Optional<Instant> n = next(t, ZoneOffset.UTC);
            if (n.isEmpty()) {
                break;
            }
            if (previous != null) {
                Duration d = Duration.between(previous, n.get());
                if (d.compareTo(longest) > 0) {
                    longest = d;
                }
            }
            previous = n.get();
            t = n.get();
        }
        return longest.isZero() ? Duration.ofDays(1) : longest;
    }

    @Override
    public String toString() {
        return text;
    }
}
