package io.zsentinel.collector;

import static io.zsentinel.collector.CollectorKeys.*;

import io.zsentinel.common.config.ConfigReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code collector:} section (docs/config-collector.md), read through the declarations in
 * {@link CollectorKeys}. Every key has a default; an empty section is a valid configuration.
 *
 * @param applicationId Kafka Streams application id (consumer group, internal topic prefix)
 * @param httpPort 0 = a free port ({@link CollectorService#httpPort()} tells which)
 * @param punctuateInterval how often every due job is evaluated on the wall clock (at most 1 s)
 * @param stateDir RocksDB state; empty = {@code <stateDir>/collector} of the launcher
 * @param cacheEntries decoded states and statuses kept on the heap per store (LRU) in front of RocksDB
 * @param streams extra Kafka Streams properties (e.g. {@code num.stream.threads})
 */
public record CollectorConfig(
        String applicationId,
        String httpHost,
        int httpPort,
        Duration punctuateInterval,
        Optional<Path> stateDir,
        int cacheEntries,
        Thresholds thresholds,
        Map<String, String> streams) {
    /** Every key's default (the declarations in {@link CollectorKeys}). */
    public static CollectorConfig defaults() {
        return new CollectorConfig(
                APPLICATION_ID.defaultValue(),
                HTTP_HOST.defaultValue(),
                HTTP_PORT.defaultValue(),
                PUNCTUATE.defaultValue(),
                STATE_DIR.defaultValue(),
                CACHE_ENTRIES.defaultValue(),
                Thresholds.defaults(),
                STREAMS.defaultValue());
    }

    public static CollectorConfig read(ConfigReader c) {
        String applicationId = APPLICATION_ID.read(c);
        ConfigReader http = c.section("http");
        String host = HTTP_HOST.read(http);
        int port = HTTP_PORT.read(http);
        Duration punctuate = PUNCTUATE.read(c);
        Optional<Path> stateDir = STATE_DIR.read(c);
        int cacheEntries = CACHE_ENTRIES.read(c);

        ConfigReader rpo = c.section("rpo");
        Duration defaultTarget = RPO_DEFAULT_TARGET.read(rpo);
        Duration margin = RPO_MARGIN.read(rpo);
        double criticalFactor = RPO_CRITICAL_FACTOR.read(rpo);

        ConfigReader stall = c.section("stall");
        Duration noProgress = STALL_NO_PROGRESS.read(stall);
        Duration overdueGrace = STALL_OVERDUE_GRACE.read(stall);

        int missed = SILENCE_MISSED_HEARTBEATS.read(c.section("silence"));
        int minFailures = FAILING_MIN_FAILURES.read(c.section("failing"));

        ConfigReader space = c.section("space");
        Duration window = SPACE_WINDOW.read(space);
        int maxSamples = SPACE_MAX_SAMPLES.read(space);
        double minCoverage = SPACE_MIN_COVERAGE.read(space);
        int minSamples = SPACE_MIN_SAMPLES.read(space);
        double warnUsed = SPACE_WARN_USED_RATIO.read(space);
        double criticalUsed = SPACE_CRITICAL_USED_RATIO.read(space);
        if (criticalUsed < warnUsed) {
            space.problem(SPACE_CRITICAL_USED_RATIO.child(), "must not be below warnUsedRatio (" + warnUsed + ")");
        }
        Duration horizon = SPACE_FORECAST_HORIZON.read(space);
        Duration criticalHorizon = SPACE_FORECAST_CRITICAL_HORIZON.read(space);
        double headroom = SPACE_RESYNC_HEADROOM.read(space);

        Duration resend = FINDINGS_RESEND_INTERVAL.read(c.section("findings"));
        Duration refresh = REFRESH_INTERVAL.read(c);
        Duration progressRefresh = PROGRESS_REFRESH.read(c);
        Map<String, String> streams = STREAMS.read(c);

        Thresholds thresholds = new Thresholds(
                defaultTarget,
                margin,
                criticalFactor,
                noProgress,
                overdueGrace,
                missed,
                minFailures,
                window,
                maxSamples,
                minCoverage,
                minSamples,
                warnUsed,
                criticalUsed,
                horizon,
                criticalHorizon,
                headroom,
                resend,
                refresh,
                progressRefresh);
        return new CollectorConfig(
                applicationId, host, port, punctuate, stateDir, cacheEntries, thresholds, Map.copyOf(streams));
    }

    public CollectorConfig withHttpPort(int port) {
        return new CollectorConfig(
                applicationId, httpHost, port, punctuateInterval, stateDir, cacheEntries, thresholds, streams);
    }

    public CollectorConfig withApplicationId(String id) {
        return new CollectorConfig(
                id, httpHost, httpPort, punctuateInterval, stateDir, cacheEntries, thresholds, streams);
    }

    public CollectorConfig withStateDir(Path dir) {
        return new CollectorConfig(
                applicationId,
                httpHost,
                httpPort,
                punctuateInterval,
                Optional.of(dir),
                cacheEntries,
                thresholds,
                streams);
    }

    public CollectorConfig withThresholds(Thresholds t) {
        return new CollectorConfig(
                applicationId, httpHost, httpPort, punctuateInterval, stateDir, cacheEntries, t, streams);
    }
}
