package io.zsentinel.alerting.config;

import static io.zsentinel.alerting.config.ResyncKeys.*;

import io.zsentinel.alerting.resync.BlackoutWindow;
import io.zsentinel.alerting.resync.ResyncConfig;
import io.zsentinel.common.config.ConfigReader;
import io.zsentinel.common.config.Secret;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code alerting.resync} through {@link ResyncKeys}; cross-checks enabled, jobs and secret. */
final class ResyncReader {
    private ResyncReader() {}

    static ResyncConfig read(ConfigReader section) {
        boolean enabled = ENABLED.read(section);
        boolean dryRun = DRY_RUN.read(section);
        List<String> jobs = JOBS.read(section);
        for (String job : jobs) {
            if (!job.matches("[A-Za-z0-9_.\\-*?]+/[0-9*?\\-]+")) {
                section.problem(JOBS.child(), "'" + job + "' is not a job key or pattern like lab/101-0 or lab/*");
            }
        }
        Duration coolDown = COOL_DOWN.read(section);
        int maxConcurrent = MAX_CONCURRENT.read(section);
        Duration maxDuration = MAX_DURATION.read(section);
        List<BlackoutWindow> blackout = new ArrayList<>();
        for (String window : BLACKOUT.read(section)) {
            try {
                blackout.add(BlackoutWindow.parse(window));
            } catch (IllegalArgumentException e) {
                section.problem(BLACKOUT.child(), e.getMessage());
            }
        }
        ZoneId timezone = TIMEZONE.read(section);
        Duration expiry = COMMAND_EXPIRY.read(section);
        double factor = SPACE_FACTOR.read(section);
        Secret secret = SECRET.read(section).orElse(null);
        if (enabled && !dryRun && secret == null) {
            section.problem(
                    SECRET.child(),
                    "is required when resync is enabled (the HMAC key the executor verifies commands with)");
        }
        if (secret != null && secret.length() < 16) {
            section.problem(SECRET.child(), "must be at least 16 bytes");
        }
        if (enabled && jobs.isEmpty()) {
            section.problem(JOBS.child(), "is empty: list the jobs (or patterns like lab/*) that may be resynced");
        }
        return new ResyncConfig(
                enabled,
                dryRun,
                List.copyOf(jobs),
                coolDown,
                maxConcurrent,
                maxDuration,
                List.copyOf(blackout),
                timezone,
                expiry,
                factor,
                secret);
    }
}
