package io.zsentinel.executor.calendar;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the Proxmox calendar-event syntax (pvesr.md); see design.md for the grammar. */
final class CalendarEventParser {
    private static final Pattern ITEM = Pattern.compile("(\\d{1,4})(?:\\.\\.(\\d{1,4}))?(?:/(\\d{1,4}))?");
    private static final Pattern STAR = Pattern.compile("\\*(?:/(\\d{1,4}))?");
    private static final Map<String, DayOfWeek> DAYS = Map.ofEntries(
            Map.entry("mon", DayOfWeek.MONDAY), Map.entry("monday", DayOfWeek.MONDAY),
            Map.entry("tue", DayOfWeek.TUESDAY), Map.entry("tuesday", DayOfWeek.TUESDAY),
            Map.entry("wed", DayOfWeek.WEDNESDAY), Map.entry("wednesday", DayOfWeek.WEDNESDAY),
            Map.entry("thu", DayOfWeek.THURSDAY), Map.entry("thursday", DayOfWeek.THURSDAY),
            Map.entry("fri", DayOfWeek.FRIDAY), Map.entry("friday", DayOfWeek.FRIDAY),
            Map.entry("sat", DayOfWeek.SATURDAY), Map.entry("saturday", DayOfWeek.SATURDAY),
            Map.entry("sun", DayOfWeek.SUNDAY), Map.entry("sunday", DayOfWeek.SUNDAY));

    private CalendarEventParser() {}

    static CalendarEvent parse(String input) {
        if (input == null || input.isBlank()) {
            throw new ScheduleParseException(String.valueOf(input), "the schedule is empty");
        }
        String text = input.strip();
        List<String> tokens = new ArrayList<>(List.of(text.split("\\s+")));
        boolean utc = false;
        if (tokens.get(tokens.size() - 1).equals("UTC")) {
            utc = true;
            tokens.remove(tokens.size() - 1);
            if (tokens.isEmpty()) {
                throw new ScheduleParseException(text, "'UTC' alone is not a schedule");
            }
        }
        if (tokens.size() == 1) {
            CalendarEvent keyword = keyword(text, tokens.get(0).toLowerCase(Locale.ROOT), utc);
            if (keyword != null) {
                return keyword;
            }
        }
        int i = 0;
        Set<DayOfWeek> weekdays = EnumSet.noneOf(DayOfWeek.class);
        ValueSet years = ValueSet.ANY;
        ValueSet months = ValueSet.ANY;
        ValueSet days = ValueSet.ANY;
        boolean anyPart = false;
        if (i < tokens.size() && Character.isLetter(tokens.get(i).charAt(0))) {
            weekdays = weekdays(text, tokens.get(i++));
            anyPart = true;
        }
        if (i < tokens.size() && tokens.get(i).contains("-")) {
            String[] parts = tokens.get(i++).split("-", -1);
            if (parts.length == 3) {
                years = list(text, "year", parts[0], 0, 9999, 0);
                months = list(text, "month", parts[1], 1, 12, 1);
                days = list(text, "day", parts[2], 1, 31, 1);
            } else if (parts.length == 2) {
                months = list(text, "month", parts[0], 1, 12, 1);
                days = list(text, "day", parts[1], 1, 31, 1);
            } else {
                throw new ScheduleParseException(
                        text, "date '" + String.join("-", parts) + "' is not [YEARS-]MONTHS-DAYS");
            }
            anyPart = true;
        }
        ValueSet hours = ValueSet.single(0);
        ValueSet minutes = ValueSet.single(0);
        ValueSet seconds = ValueSet.single(0);
        if (i < tokens.size()) {
            String[] parts = tokens.get(i++).split(":", -1);
            switch (parts.length) {
                case 1 -> {
                    hours = ValueSet.ANY;
                    minutes = list(text, "minute", parts[0], 0, 59, 0);
                }
                case 2 -> {
                    hours = list(text, "hour", parts[0], 0, 23, 0);
                    minutes = list(text, "minute", parts[1], 0, 59, 0);
                }
                case 3 -> {
                    hours = list(text, "hour", parts[0], 0, 23, 0);
                    minutes = list(text, "minute", parts[1], 0, 59, 0);
                    seconds = list(text, "second", parts[2], 0, 59, 0);
                }
                default ->
                    throw new ScheduleParseException(
                            text, "time '" + tokens.get(i - 1) + "' is not [HOURS:]MINUTES[:SECONDS]");
            }
            anyPart = true;
        }
        if (i < tokens.size()) {
            throw new ScheduleParseException(
                    text,
                    "unexpected '" + tokens.get(i)
                            + "' (expected [WEEKDAY] [[YEARS-]MONTHS-DAYS] [HOURS:]MINUTES[:SECONDS] [UTC])");
        }
        if (!anyPart) {
            throw new ScheduleParseException(text, "no weekday, date or time");
        }
        return new CalendarEvent(text, weekdays, years, months, days, hours, minutes, seconds, utc);
    }

    private static CalendarEvent keyword(String text, String word, boolean utc) {
        ValueSet zero = ValueSet.single(0);
        ValueSet first = ValueSet.single(1);
        Set<DayOfWeek> all = EnumSet.noneOf(DayOfWeek.class);
        return switch (word) {
            case "minutely" ->
                new CalendarEvent(
                        text, all, ValueSet.ANY, ValueSet.ANY, ValueSet.ANY, ValueSet.ANY, ValueSet.ANY, zero, utc);
            case "hourly" ->
                new CalendarEvent(text, all, ValueSet.ANY, ValueSet.ANY, ValueSet.ANY, ValueSet.ANY, zero, zero, utc);
            case "daily" ->
                new CalendarEvent(text, all, ValueSet.ANY, ValueSet.ANY, ValueSet.ANY, zero, zero, zero, utc);
            case "weekly" ->
                new CalendarEvent(
                        text,
                        EnumSet.of(DayOfWeek.MONDAY),
                        ValueSet.ANY,
                        ValueSet.ANY,
                        ValueSet.ANY,
                        zero,
                        zero,
                        zero,
                        utc);
            case "monthly" -> new CalendarEvent(text, all, ValueSet.ANY, ValueSet.ANY, first, zero, zero, zero, utc);
            case "yearly", "annually" ->
                new CalendarEvent(text, all, ValueSet.ANY, first, first, zero, zero, zero, utc);
            case "quarterly" ->
                new CalendarEvent(text, all, ValueSet.ANY, ValueSet.single(1, 4, 7, 10), first, zero, zero, zero, utc);
            case "semiannually", "semi-annually" ->
                new CalendarEvent(text, all, ValueSet.ANY, ValueSet.single(1, 7), first, zero, zero, zero, utc);
            default -> null;
        };
    }

    private static Set<DayOfWeek> weekdays(String text, String token) {
        Set<DayOfWeek> result = EnumSet.noneOf(DayOfWeek.class);
        for (String part : token.split(",", -1)) {
            String[] range = part.split("\\.\\.", -1);
            if (range.length == 1) {
                result.add(day(text, range[0]));
            } else if (range.length == 2) {
                DayOfWeek from = day(text, range[0]);
                DayOfWeek to = day(text, range[1]);
                // a range that wraps (sat..mon) covers the end of the week and its start
                for (DayOfWeek d = from; ; d = d.plus(1)) {
                    result.add(d);
                    if (d == to) {
                        break;
                    }
                }
            } else {
                throw new ScheduleParseException(text, "weekday range '" + part + "' is not DAY..DAY");
            }
        }
        return result;
    }

    private static DayOfWeek day(String text, String name) {
        DayOfWeek day = DAYS.get(name.toLowerCase(Locale.ROOT));
        if (day == null) {
            throw new ScheduleParseException(text, "'" + name + "' is not a weekday (mon, tue, ..., sun)");
        }
        return day;
    }

    /**
     * One field: {@code *}, {@code * /step}, or a comma list of {@code v}, {@code a..b},
     * {@code start/step}, {@code a..b/step}. A step of 0 means the start value alone, so
     * {@code * /00} as a minute is "at :00", i.e. hourly (pvesr.md).
     */
    private static ValueSet list(String text, String field, String spec, int min, int max, int starStart) {
        Matcher star = STAR.matcher(spec);
        if (star.matches()) {
            if (star.group(1) == null) {
                return ValueSet.ANY;
            }
            int step = Integer.parseInt(star.group(1));
            return new ValueSet(List.of(item(text, field, starStart, max, step, max)));
        }
        List<ValueSet.Item> items = new ArrayList<>();
        for (String part : spec.split(",", -1)) {
            Matcher m = ITEM.matcher(part);
            if (!m.matches()) {
                throw new ScheduleParseException(
                        text, field + " '" + part + "' is not a value, a..b, start/step or a..b/step");
            }
            int start = Integer.parseInt(m.group(1));
            if (start < min || start > max) {
                throw new ScheduleParseException(text, field + " " + start + " is out of range " + min + ".." + max);
            }
            int end = max;
            if (m.group(2) != null) {
                end = Integer.parseInt(m.group(2));
                if (end < start || end > max) {
                    throw new ScheduleParseException(
                            text, field + " range " + part + " must run upwards within " + min + ".." + max);
                }
            }
            if (m.group(3) == null) {
                items.add(new ValueSet.Item(start, m.group(2) == null ? start : end, 1));
            } else {
                items.add(item(text, field, start, end, Integer.parseInt(m.group(3)), max));
            }
        }
        return new ValueSet(items);
    }

    private static ValueSet.Item item(String text, String field, int start, int end, int step, int max) {
        if (step > max) {
            throw new ScheduleParseException(text, field + " step " + step + " is larger than " + max);
        }
        return step == 0 ? new ValueSet.Item(start, start, 1) : new ValueSet.Item(start, end, step);
    }
}
