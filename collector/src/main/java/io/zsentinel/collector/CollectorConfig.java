package io.zsentinel.collector;

import io.zsentinel.common.config.ConfigReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code collector:} section (docs/config-collector.md). Every key has a default; an empty
 * section is a valid configuration.
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
    private static final Pattern APPLICATION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,200}");

    public static CollectorConfig defaults() {
        return new CollectorConfig("zsentinel-collector", "127.0.0.1", 8080, Duration.ofSeconds(1), Optional.empty(),
                20_000, Thresholds.defaults(), Map.of());
    }

    public static CollectorConfig read(ConfigReader c) {
        CollectorConfig d = defaults();
        Thresholds t = d.thresholds();
        String applicationId = c.matching("applicationId", APPLICATION_ID,
                "a Kafka Streams application id (letters, digits, '.', '_', '-')", d.applicationId(), false);
        ConfigReader http = c.section("http");
        String host = http.string("host", d.httpHost());
        int port = (int) http.integer("port", d.httpPort(), 0, 65535);
        Duration punctuate = c.duration("punctuate", d.punctuateInterval(), Duration.ofMillis(10), Duration.ofSeconds(1));
        Optional<Path> stateDir = c.path("stateDir");
        int cacheEntries = (int) c.integer("cacheEntries", d.cacheEntries(), 1, 10_000_000);

        ConfigReader rpo = c.section("rpo");
        Duration defaultTarget = rpo.duration("defaultTarget", t.defaultRpoTarget(), Duration.ofSeconds(1), Duration.ofDays(365));
        Duration margin = rpo.duration("margin", t.rpoMargin(), Duration.ZERO, Duration.ofDays(30));
        double criticalFactor = rpo.decimal("criticalFactor", t.rpoCriticalFactor(), 1.0, 1000.0);

        ConfigReader stall = c.section("stall");
        Duration noProgress = stall.duration("noProgress", t.stallNoProgress(), Duration.ofSeconds(1), Duration.ofDays(7));
        Duration overdueGrace = stall.duration("overdueGrace", t.overdueGrace(), Duration.ZERO, Duration.ofDays(7));

        ConfigReader silence = c.section("silence");
        int missed = (int) silence.integer("missedHeartbeats", t.missedHeartbeats(), 1, 1000);

        ConfigReader failing = c.section("failing");
        int minFailures = (int) failing.integer("minFailures", t.failingMinFailures(), 1, 1_000_000);

        ConfigReader space = c.section("space");
        Duration window = space.duration("window", t.spaceWindow(), Duration.ofMinutes(10), Duration.ofDays(366));
        int maxSamples = (int) space.integer("maxSamples", t.spaceMaxSamples(), 16, 4096);
        double minCoverage = space.decimal("minCoverage", t.spaceMinCoverage(), 0.0, 1.0);
        int minSamples = (int) space.integer("minSamples", t.spaceMinSamples(), 2, 4096);
        double warnUsed = space.decimal("warnUsedRatio", t.spaceWarnUsedRatio(), 0.0, 1.0);
        double criticalUsed = space.decimal("criticalUsedRatio", t.spaceCriticalUsedRatio(), 0.0, 1.0);
        if (criticalUsed < warnUsed) {
            space.problem("criticalUsedRatio", "must not be below warnUsedRatio (" + warnUsed + ")");
        }
        Duration horizon = space.duration("forecastHorizon", t.forecastHorizon(), Duration.ZERO, Duration.ofDays(3650));
        Duration criticalHorizon = space.duration("forecastCriticalHorizon", t.forecastCriticalHorizon(), Duration.ZERO,
                Duration.ofDays(3650));
        double headroom = space.decimal("resyncHeadroom", t.resyncHeadroom(), 1.0, 100.0);

        ConfigReader findings = c.section("findings");
        Duration resend = findings.duration("resendInterval", t.resendInterval(), Duration.ofSeconds(1), Duration.ofDays(1));
        Duration refresh = c.duration("refreshInterval", t.refreshInterval(), Duration.ofSeconds(1), Duration.ofHours(1));
        Duration progressRefresh = c.duration("progressRefresh", t.progressRefresh(), Duration.ZERO, Duration.ofMinutes(10));
        Map<String, String> streams = c.stringMap("streams");

        Thresholds thresholds = new Thresholds(defaultTarget, margin, criticalFactor, noProgress, overdueGrace, missed,
                minFailures, window, maxSamples, minCoverage, minSamples, warnUsed, criticalUsed, horizon,
                criticalHorizon, headroom, resend, refresh, progressRefresh);
        return new CollectorConfig(applicationId, host, port, punctuate, stateDir, cacheEntries, thresholds,
                Map.copyOf(streams));
    }

    public CollectorConfig withHttpPort(int port) {
        return new CollectorConfig(applicationId, httpHost, port, punctuateInterval, stateDir, cacheEntries, thresholds,
                streams);
    }

    public CollectorConfig withApplicationId(String id) {
        return new CollectorConfig(id, httpHost, httpPort, punctuateInterval, stateDir, cacheEntries, thresholds,
                streams);
    }

    public CollectorConfig withStateDir(Path dir) {
        return new CollectorConfig(applicationId, httpHost, httpPort, punctuateInterval, Optional.of(dir), cacheEntries,
                thresholds, streams);
    }

    public CollectorConfig withThresholds(Thresholds t) {
        return new CollectorConfig(applicationId, httpHost, httpPort, punctuateInterval, stateDir, cacheEntries, t,
                streams);
    }
}
