package io.zsentinel.collector;

import io.zsentinel.common.config.ConfigKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every key of the {@code collector:} section, declared once. {@link CollectorConfig#defaults()}
 * and {@link Thresholds#defaults()} are made of these defaults; {@link #ALL} is the order of the
 * table in {@code collector/docs/config-collector.md}, which CollectorConfigDocsTest checks.
 */
public final class CollectorKeys {
    private static final Pattern STREAMS_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,200}");

    public static final ConfigKey<String> APPLICATION_ID = ConfigKey.matching(
                    "applicationId",
                    STREAMS_ID,
                    "a Kafka Streams application id (letters, digits, '.', '_', '-')",
                    "zsentinel-collector")
            .describedAs("Kafka Streams application id (consumer group, internal topic prefix)");
    public static final ConfigKey<String> HTTP_HOST = ConfigKey.string("http.host", "127.0.0.1")
            .describedAs("listen address of the API, dashboard, `/metrics`, `/health/*`");
    public static final ConfigKey<Integer> HTTP_PORT = ConfigKey.integer("http.port", 8080, 0, 65535)
            .describedAs("0 = a free port (`CollectorService.httpPort()` tells which)");
    public static final ConfigKey<Duration> PUNCTUATE = ConfigKey.duration(
                    "punctuate", Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofSeconds(1))
            .shownAs("`1s` (10ms..1s)")
            .describedAs("wall-clock tick: due jobs are evaluated at least this often");
    public static final ConfigKey<Duration> REFRESH_INTERVAL = ConfigKey.duration(
                    "refreshInterval", Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofHours(1))
            .describedAs("every job/pool/executor is re-evaluated at least this often");
    public static final ConfigKey<Duration> PROGRESS_REFRESH = ConfigKey.duration(
                    "progressRefresh", Duration.ofSeconds(10), Duration.ZERO, Duration.ofMinutes(10))
            .describedAs("transfer progress alone republishes a job's status, and is written to its stored state, "
                    + "at most this often (0 = every tick, every event); after a restart a transfer may look up to "
                    + "this much older");
    public static final ConfigKey<Optional<Path>> STATE_DIR = ConfigKey.path("stateDir")
            .shownAs("`<stateDir>/collector` (the top-level `stateDir`)")
            .describedAs("RocksDB state");
    public static final ConfigKey<Integer> CACHE_ENTRIES = ConfigKey.integer("cacheEntries", 20_000, 1, 10_000_000)
            .describedAs("decoded states/statuses kept on the heap per store (LRU, ~4 KiB per job) in front of "
                    + "RocksDB");
    public static final ConfigKey<Duration> RPO_DEFAULT_TARGET = ConfigKey.duration(
                    "rpo.defaultTarget", Duration.ofMinutes(20), Duration.ofSeconds(1), Duration.ofDays(365))
            .describedAs("target when the heartbeat gives none and the schedule is irregular");
    public static final ConfigKey<Duration> RPO_MARGIN = ConfigKey.duration(
                    "rpo.margin", Duration.ofMinutes(5), Duration.ZERO, Duration.ofDays(30))
            .describedAs("default target = schedule interval (`*/N`, hourly, daily...) + margin");
    public static final ConfigKey<Double> RPO_CRITICAL_FACTOR = ConfigKey.decimal(
                    "rpo.criticalFactor", 2.0, 1.0, 1000.0)
            .describedAs("`rpo.breached` turns critical beyond this multiple of the target");
    public static final ConfigKey<Duration> STALL_NO_PROGRESS = ConfigKey.duration(
                    "stall.noProgress", Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofDays(7))
            .describedAs("a running transfer whose bytes did not grow for this long is stalled, and so is a running "
                    + "job (its heartbeat says so) without a transfer this long");
    public static final ConfigKey<Duration> STALL_OVERDUE_GRACE = ConfigKey.duration(
                    "stall.overdueGrace", Duration.ofMinutes(10), Duration.ZERO, Duration.ofDays(7))
            .describedAs("a job whose next run is this late, or that is enabled but unscheduled this long, is "
                    + "stalled (never while it runs); `drill.overdue` when a scheduled drill is this late");
    public static final ConfigKey<Integer> SILENCE_MISSED_HEARTBEATS = ConfigKey.integer(
                    "silence.missedHeartbeats", 3, 1, 1000)
            .describedAs("`executor.silent` after this many heartbeat intervals without one");
    public static final ConfigKey<Integer> FAILING_MIN_FAILURES = ConfigKey.integer(
                    "failing.minFailures", 1, 1, 1_000_000)
            .describedAs("`job.failing` from this many failures in a row");
    public static final ConfigKey<Duration> SPACE_WINDOW = ConfigKey.duration(
                    "space.window", Duration.ofDays(7), Duration.ofMinutes(10), Duration.ofDays(366))
            .describedAs("history of free bytes the trend is computed over");
    public static final ConfigKey<Integer> SPACE_MAX_SAMPLES = ConfigKey.integer("space.maxSamples", 512, 16, 4096)
            .describedAs("the window is kept in at most this many buckets");
    public static final ConfigKey<Double> SPACE_MIN_COVERAGE = ConfigKey.decimal("space.minCoverage", 0.2, 0.0, 1.0)
            .describedAs("no forecast until the samples span this fraction of the window");
    public static final ConfigKey<Integer> SPACE_MIN_SAMPLES =
            ConfigKey.integer("space.minSamples", 6, 2, 4096).describedAs("no forecast with fewer samples");
    public static final ConfigKey<Double> SPACE_WARN_USED_RATIO = ConfigKey.decimal(
                    "space.warnUsedRatio", 0.80, 0.0, 1.0)
            .describedAs("`space.low` warning from this used fraction (sanoid's 80 %)");
    public static final ConfigKey<Double> SPACE_CRITICAL_USED_RATIO = ConfigKey.decimal(
                    "space.criticalUsedRatio", 0.95, 0.0, 1.0)
            .describedAs("`space.low` critical from this used fraction (sanoid's 95 %); not below `warnUsedRatio`");
    public static final ConfigKey<Duration> SPACE_FORECAST_HORIZON = ConfigKey.duration(
                    "space.forecastHorizon", Duration.ofDays(7), Duration.ZERO, Duration.ofDays(3650))
            .describedAs("`space.forecast` when the pool is predicted full within this");
    public static final ConfigKey<Duration> SPACE_FORECAST_CRITICAL_HORIZON = ConfigKey.duration(
                    "space.forecastCriticalHorizon", Duration.ofDays(1), Duration.ZERO, Duration.ofDays(3650))
            .describedAs("... critical within this");
    public static final ConfigKey<Double> SPACE_RESYNC_HEADROOM = ConfigKey.decimal(
                    "space.resyncHeadroom", 1.3, 1.0, 100.0)
            .describedAs("a job's target pool needs this multiple of the source size free (`space.low` per job)");
    public static final ConfigKey<Duration> FINDINGS_RESEND_INTERVAL = ConfigKey.duration(
                    "findings.resendInterval", Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofDays(1))
            .describedAs("a firing finding is re-published at most this often");
    public static final ConfigKey<Map<String, String>> STREAMS = ConfigKey.stringMap("streams")
            .describedAs("extra Kafka Streams properties (e.g. `num.stream.threads`), passed as they are");

    /** The docs table's order. */
    public static final List<ConfigKey<?>> ALL = List.of(
            APPLICATION_ID,
            HTTP_HOST,
            HTTP_PORT,
            PUNCTUATE,
            REFRESH_INTERVAL,
            PROGRESS_REFRESH,
            STATE_DIR,
            CACHE_ENTRIES,
            RPO_DEFAULT_TARGET,
            RPO_MARGIN,
            RPO_CRITICAL_FACTOR,
            STALL_NO_PROGRESS,
            STALL_OVERDUE_GRACE,
            SILENCE_MISSED_HEARTBEATS,
            FAILING_MIN_FAILURES,
            SPACE_WINDOW,
            SPACE_MAX_SAMPLES,
            SPACE_MIN_COVERAGE,
            SPACE_MIN_SAMPLES,
            SPACE_WARN_USED_RATIO,
            SPACE_CRITICAL_USED_RATIO,
            SPACE_FORECAST_HORIZON,
            SPACE_FORECAST_CRITICAL_HORIZON,
            SPACE_RESYNC_HEADROOM,
            FINDINGS_RESEND_INTERVAL,
            STREAMS);

    private CollectorKeys() {}
}
