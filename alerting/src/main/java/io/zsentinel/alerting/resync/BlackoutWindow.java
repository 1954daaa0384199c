package io.zsentinel.alerting.resync;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A weekly window in which no resync starts: {@code <days> HH:MM-HH:MM}, days being
 * {@code daily}, a day ({@code sat}), a range ({@code mon-fri}) or a comma list of those
 * ({@code sat,sun}). An end before the start crosses midnight and belongs to the start day
 * ({@code fri 22:00-06:00} covers Friday night until Saturday 06:00). The end is exclusive.
 */
public record BlackoutWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end, String text) {
    private static final Pattern SYNTAX =
            Pattern.compile("\\s*([a-z,\\-]+)\\s+(\\d{2}):(\\d{2})\\s*-\\s*(\\d{2}):(\\d{2})\\s*");

    public static BlackoutWindow parse(String text) {
        Matcher m = SYNTAX.matcher(text == null ? "" : text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a window: expected e.g. 'sat 00:00-06:00',"
                    + " 'mon-fri 22:00-02:00' or 'daily 12:00-13:00'");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : m.group(1).split(",")) {
            if (part.equals("daily")) {
                days.addAll(EnumSet.allOf(DayOfWeek.class));
            } else if (part.contains("-")) {
                String[] range = part.split("-");
                if (range.length != 2) {
                    throw new IllegalArgumentException("'" + part + "' is not a day range like mon-fri");
                }
                DayOfWeek from = day(range[0]);
                DayOfWeek to = day(range[1]);
                for (DayOfWeek d = from; ; d = d.plus(1)) {
                    days.add(d);
                    if (d == to) {
                        break;
                    }
                }
            } else {
                days.add(day(part));
            }
        }
        LocalTime start = time(m.group(2), m.group(3), text);
        LocalTime end = time(m.group(4), m.group(5), text);
        if (start.equals(end)) {
            throw new IllegalArgumentException("'" + text + "' is empty: start equals end");
        }
        return new BlackoutWindow(days, start, end, text.trim());
    }

    public boolean contains(ZonedDateTime at) {
        LocalTime t = at.toLocalTime();
        if (start.isBefore(end)) {
            return days.contains(at.getDayOfWeek()) && !t.isBefore(start) && t.isBefore(end);
        }
        // crosses midnight: the evening part on a listed day, the morning part on the day after one
        return (days.contains(at.getDayOfWeek()) && !t.isBefore(start))
                || (days.contains(at.getDayOfWeek().minus(1)) && t.isBefore(end));
    }

    private static DayOfWeek day(String name) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().toLowerCase(Locale.ROOT).startsWith(name) && name.length() >= 3) {
                return d;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a day: mon tue wed thu fri sat sun or daily");
    }

    private static LocalTime time(String hours, String minutes, String text) {
        int h = Integer.parseInt(hours);
        int m = Integer.parseInt(minutes);
        if (h > 24 || m > 59 || (h == 24 && m != 0)) {
            throw new IllegalArgumentException("'" + text + "' has an invalid time");
        }
        return h == 24 ? LocalTime.MAX : LocalTime.of(h, m);
    }

    @Override
    public String toString() {
        return text;
    }
}
