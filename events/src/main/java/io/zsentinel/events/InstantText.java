package io.zsentinel.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#toString}, faster for the times zsentinel writes (years 0000 to 9999): the event
 * {@code time} attribute and every instant in the collector's stores and statuses are written as
 * {@code Instant.toString} gives it, which formats through a DateTimeFormatter and costs several
 * times this. The text is the same: seconds always, the
 * fraction in groups of three digits (none, 3, 6 or 9), {@code Z}. Other years go to
 * {@code Instant.toString}. {@code InstantTextTest} holds the two to agree.
 */
public final class InstantText {
    private static final long SECONDS_PER_DAY = 86_400;
    /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z. */
    private static final long MIN_SECOND = -62_167_219_200L;
    private static final long MAX_SECOND_EXCLUSIVE = 253_402_300_800L;

    private InstantText() {}

    public static String of(Instant instant) {
        long epochSecond = instant.getEpochSecond();
        if (epochSecond < MIN_SECOND || epochSecond >= MAX_SECOND_EXCLUSIVE) {
            return instant.toString();
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(epochSecond, SECONDS_PER_DAY));
        int secondOfDay = (int) Math.floorMod(epochSecond, SECONDS_PER_DAY);
        int nano = instant.getNano();
        int fractionDigits = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
        byte[] text = new byte[20 + (fractionDigits == 0 ? 0 : 1 + fractionDigits)];
        digits(text, 0, date.getYear(), 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, secondOfDay / 3_600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        if (fractionDigits > 0) {
            text[19] = '.';
            int fraction = fractionDigits == 3 ? nano / 1_000_000 : fractionDigits == 6 ? nano / 1_000 : nano;
            digits(text, 20, fraction, fractionDigits);
        }
        text[text.length - 1] = 'Z';
        return new String(text, StandardCharsets.ISO_8859_1);
    }

    /** {@code value} as exactly {@code count} decimal digits at {@code at}, zero-padded. */
    private static void digits(byte[] text, int at, int value, int count) {
        for (int i = at + count - 1; i >= at; i--) {
            text[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
