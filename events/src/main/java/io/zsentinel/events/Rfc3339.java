package io.zsentinel.events;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * {@link Instant#parse}, faster for the times zsentinel writes. {@code Instant.parse} costs about
 * 1 us (it builds a DateTimeFormatter on every call), a quarter of decoding a whole event, so the form
 * {@link Instant#toString} writes ({@code 2025-11-26T07:00:22.513Z}: four-digit year, seconds,
 * 0 to 9 fraction digits, {@code Z}) is read here by hand; any other text goes to
 * {@code Instant.parse}, which then gives every other result and every error.
 */
final class Rfc3339 {
    /** Nanoseconds in a unit of the last fraction digit, by the number of fraction digits. */
    private static final int[] NANOS_PER_UNIT =
            {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private Rfc3339() {}

    static Instant parseInstant(String text) {
        Instant instant = parseCanonical(text);
        return instant != null ? instant : Instant.parse(text);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} as an instant, or null for any other text. */
    static Instant parseCanonical(String s) {
        int length = s.length();
        int fractionDigits = length - "yyyy-MM-ddTHH:mm:ss.Z".length();
        boolean fractionOk = length == "yyyy-MM-ddTHH:mm:ssZ".length()
                || fractionDigits >= 1 && fractionDigits <= 9 && s.charAt(19) == '.';
        if (!fractionOk || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(length - 1) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        int fraction = fractionDigits > 0 ? digits(s, 20, fractionDigits) : 0;
        // hour 24 and leap second 60 are Instant.parse's to interpret
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || fraction < 0) {
            return null;
        }
        long epochSecond = LocalDate.of(year, month, day).toEpochDay() * 86_400 + hour * 3_600 + minute * 60 + second;
        return Instant.ofEpochSecond(epochSecond, (long) fraction * NANOS_PER_UNIT[Math.max(fractionDigits, 0)]);
    }

    /** The decimal number in {@code s[from, from + count)}, or -1 if any of it is not an ASCII digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int digit = s.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
