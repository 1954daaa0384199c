package io.zsentinel.alerting.resync;

import io.zsentinel.common.config.Secret;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code alerting.resync}: when alerting may order a resync after a chain broke (read by
 * {@code alerting.config.ResyncReader}).
 *
 * @param jobs job keys or glob patterns ({@code lab/*}, {@code lab/10?-0}) allowed to be resynced
 * @param spaceFactor the target pool must have this many times the source bytes free
 */
public record ResyncConfig(
        boolean enabled,
        boolean dryRun,
        List<String> jobs,
        Duration coolDown,
        int maxConcurrent,
        Duration maxDuration,
        List<BlackoutWindow> blackout,
        ZoneId timezone,
        Duration commandExpiry,
        double spaceFactor,
        Secret secret) {

    public static ResyncConfig disabled() {
        return new ResyncConfig(
                false,
                false,
                List.of(),
                Duration.ofHours(1),
                1,
                Duration.ofHours(6),
                List.of(),
                ZoneId.of("UTC"),
                Duration.ofMinutes(15),
                1.3,
                null);
    }

    public boolean allows(String job) {
        for (String pattern : jobs) {
            if (glob(pattern).matcher(job).matches()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
