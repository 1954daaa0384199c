package io.zsentinel.collector.job;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The interval of the common pvesr calendar events ({@code *}{@code /5}, {@code hourly}, ...), to
 * derive a default RPO target (interval + margin) when the executor reports none. Irregular
 * schedules yield empty: the configured default target applies.
 */
public final class ScheduleInterval {
    private static final Pattern EVERY_N_MINUTES = Pattern.compile("(?:\\*:)?\\*/(\\d{1,4})");

    private ScheduleInterval() {}

    public static Optional<Duration> estimate(String schedule) {
        if (schedule == null) {
            return Optional.empty();
        }
        String s = schedule.strip().toLowerCase(java.util.Locale.ROOT);
        switch (s) {
            case "minutely":
                return Optional.of(Duration.ofMinutes(1));
            case "hourly":
                return Optional.of(Duration.ofHours(1));
            case "daily":
                return Optional.of(Duration.ofDays(1));
            case "weekly":
                return Optional.of(Duration.ofDays(7));
            default:
                break;
        }
        Matcher m = EVERY_N_MINUTES.matcher(s);
        if (m.matches()) {
            int n = Integer.parseInt(m.group(1));
            // pvesr reads "*/00" as every full hour
            return Optional.of(n == 0 ? Duration.ofHours(1) : Duration.ofMinutes(n));
        }
        return Optional.empty();
    }
}
