package io.zsentinel.alerting.resync;

import io.zsentinel.common.config.ConfigReader;
import io.zsentinel.common.config.Secret;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code alerting.resync}: when alerting may order a resync after a chain broke.
 *
 * @param jobs job keys or glob patterns ({@code lab/*}, {@code lab/10?-0}) allowed to be resynced
 * @param spaceFactor the target pool must have this many times the source bytes free
 */
public record ResyncConfig(
        boolean enabled, boolean dryRun, List<String> jobs, Duration coolDown, int maxConcurrent, Duration maxDuration,
        List<BlackoutWindow> blackout, ZoneId timezone, Duration commandExpiry, double spaceFactor, Secret secret) {

    public static ResyncConfig disabled() {
        return new ResyncConfig(false, false, List.of(), Duration.ofHours(1), 1, Duration.ofHours(6), List.of(),
                ZoneId.of("UTC"), Duration.ofMinutes(15), 1.3, null);
    }

    public static ResyncConfig read(ConfigReader section) {
        boolean enabled = section.bool("enabled", false);
        boolean dryRun = section.bool("dryRun", false);
        List<String> jobs = section.strings("jobs");
        for (String job : jobs) {
            if (!job.matches("[A-Za-z0-9_.\\-*?]+/[0-9*?\\-]+")) {
                section.problem("jobs", "'" + job + "' is not a job key or pattern like lab/101-0 or lab/*");
            }
        }
        Duration coolDown = section.duration("coolDown", Duration.ofHours(1), Duration.ZERO, Duration.ofDays(30));
        int maxConcurrent = (int) section.integer("maxConcurrent", 1, 1, 1000);
        Duration maxDuration = section.duration("maxDuration", Duration.ofHours(6), Duration.ofMinutes(1), Duration.ofDays(7));
        List<BlackoutWindow> blackout = new ArrayList<>();
        for (String window : section.strings("blackout")) {
            try {
                blackout.add(BlackoutWindow.parse(window));
            } catch (IllegalArgumentException e) {
                section.problem("blackout", e.getMessage());
            }
        }
        String zone = section.string("timezone", "UTC");
        ZoneId timezone = ZoneId.of("UTC");
        try {
            timezone = ZoneId.of(zone);
        } catch (RuntimeException e) {
            section.problem("timezone", "'" + zone + "' is not a time zone (e.g. UTC, Europe/Berlin)");
        }
        Duration expiry = section.duration("commandExpiry", Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofDays(1));
        double factor = section.decimal("spaceFactor", 1.3, 1.0, 10.0);
        Secret secret = section.secret("secret").orElse(null);
        if (enabled && !dryRun && secret == null) {
            section.problem("secret", "is required when resync is enabled (the HMAC key the executor verifies commands with)");
        }
        if (secret != null && secret.length() < 16) {
            section.problem("secret", "must be at least 16 bytes");
        }
        if (enabled && jobs.isEmpty()) {
            section.problem("jobs", "is empty: list the jobs (or patterns like lab/*) that may be resynced");
        }
        return new ResyncConfig(enabled, dryRun, List.copyOf(jobs), coolDown, maxConcurrent, maxDuration,
                List.copyOf(blackout), timezone, expiry, factor, secret);
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
