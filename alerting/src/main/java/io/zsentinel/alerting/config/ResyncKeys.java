package io.zsentinel.alerting.config;

import io.zsentinel.common.config.ConfigKey;
import io.zsentinel.common.config.Secret;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** The keys of {@code alerting.resync}: when alerting may order a resync after a chain broke ("Auto-resync"). */
public final class ResyncKeys {
    public static final ConfigKey<Boolean> ENABLED =
            ConfigKey.bool("resync.enabled", false).describedAs("alerting orders resyncs at all");
    public static final ConfigKey<Boolean> DRY_RUN = ConfigKey.bool("resync.dryRun", false)
            .describedAs("decide and audit (`resync.dry_run`) but publish no command");
    public static final ConfigKey<List<String>> JOBS = ConfigKey.strings("resync.jobs", List.of())
            .describedAs("job keys or globs (`*` `?`, e.g. `lab/*`) that may be resynced automatically; required "
                    + "when enabled");
    public static final ConfigKey<Duration> COOL_DOWN = ConfigKey.duration(
                    "resync.coolDown", Duration.ofHours(1), Duration.ZERO, Duration.ofDays(30))
            .describedAs("per job, between two orders");
    public static final ConfigKey<Integer> MAX_CONCURRENT = ConfigKey.integer("resync.maxConcurrent", 1, 1, 1000)
            .describedAs("resyncs running at once (until the `chain.broken` resolves, or `maxDuration`)");
    public static final ConfigKey<Duration> MAX_DURATION = ConfigKey.duration(
                    "resync.maxDuration", Duration.ofHours(6), Duration.ofMinutes(1), Duration.ofDays(7))
            .describedAs("a resync counts as running at most this long");
    public static final ConfigKey<List<String>> BLACKOUT = ConfigKey.strings("resync.blackout", List.of())
            .describedAs("windows without orders, e.g. `sat 00:00-06:00`, `mon-fri 08:00-18:00` (format below)");
    public static final ConfigKey<ZoneId> TIMEZONE = ConfigKey.parsed(
                    "resync.timezone",
                    ZoneId.of("UTC"),
                    ZoneId::of,
                    (text, e) -> "'" + text + "' is not a time zone (e.g. UTC, Europe/Berlin)")
            .describedAs("of the blackout windows");
    public static final ConfigKey<Duration> COMMAND_EXPIRY = ConfigKey.duration(
                    "resync.commandExpiry", Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofDays(1))
            .describedAs("the executor refuses the command after this");
    public static final ConfigKey<Double> SPACE_FACTOR = ConfigKey.decimal("resync.spaceFactor", 1.3, 1.0, 10.0)
            .describedAs("refuse when `target_free_bytes < factor x source_bytes`");
    public static final ConfigKey<Optional<Secret>> SECRET = ConfigKey.secret("resync.secret")
            .describedAs("HMAC key (>= 16 bytes) the executor verifies commands with, `{env: NAME}` or "
                    + "`{file: PATH}`; required when enabled and not `dryRun`");

    static final List<ConfigKey<?>> ALL = List.of(
            ENABLED,
            DRY_RUN,
            JOBS,
            COOL_DOWN,
            MAX_CONCURRENT,
            MAX_DURATION,
            BLACKOUT,
            TIMEZONE,
            COMMAND_EXPIRY,
            SPACE_FACTOR,
            SECRET);

    private ResyncKeys() {}
}
