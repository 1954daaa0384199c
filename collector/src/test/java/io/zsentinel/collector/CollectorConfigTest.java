package io.zsentinel.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zsentinel.common.config.ConfigException;
import io.zsentinel.common.config.ConfigReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CollectorConfigTest {
    static CollectorConfig read(String yaml) {
        ConfigReader root = ConfigReader.parse(yaml, Map.of(), Path.of("/etc/zsentinel"));
        CollectorConfig config = CollectorConfig.read(root.section("collector"));
        root.finish();
        return config;
    }

    @Test
    void anEmptySectionGivesTheDefaults() {
        CollectorConfig c = read("");
        assertThat(c).isEqualTo(CollectorConfig.defaults());
        assertThat(c.httpHost()).isEqualTo("127.0.0.1");
        assertThat(c.httpPort()).isEqualTo(8080);
        assertThat(c.punctuateInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.thresholds().resendInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.thresholds().stallNoProgress()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.thresholds().missedHeartbeats()).isEqualTo(3);
        assertThat(c.thresholds().spaceWindow()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void everyKeyIsRead() {
        CollectorConfig c = read("""
                collector:
                  applicationId: zs-collector-2
                  http: {host: 0.0.0.0, port: 0}
                  punctuate: 500ms
                  stateDir: state/collector
                  refreshInterval: 30s
                  progressRefresh: 3s
                  rpo: {defaultTarget: 30m, margin: 2m, criticalFactor: 3}
                  stall: {noProgress: 15m, overdueGrace: 5m}
                  silence: {missedHeartbeats: 5}
                  failing: {minFailures: 2}
                  space: {window: 14d, maxSamples: 256, minCoverage: 0.3, minSamples: 10, warnUsedRatio: 0.85,
                          criticalUsedRatio: 0.9, forecastHorizon: 3d, forecastCriticalHorizon: 12h, resyncHeadroom: 1.5}
                  findings: {resendInterval: 10m}
                  streams: {num.stream.threads: "2"}
                """);
        assertThat(c.applicationId()).isEqualTo("zs-collector-2");
        assertThat(c.httpPort()).isZero();
        assertThat(c.punctuateInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.stateDir()).contains(Path.of("/etc/zsentinel/state/collector"));
        Thresholds t = c.thresholds();
        assertThat(t.defaultRpoTarget()).isEqualTo(Duration.ofMinutes(30));
        assertThat(t.rpoCriticalFactor()).isEqualTo(3.0);
        assertThat(t.missedHeartbeats()).isEqualTo(5);
        assertThat(t.failingMinFailures()).isEqualTo(2);
        assertThat(t.spaceMaxSamples()).isEqualTo(256);
        assertThat(t.forecastCriticalHorizon()).isEqualTo(Duration.ofHours(12));
        assertThat(t.resyncHeadroom()).isEqualTo(1.5);
        assertThat(t.resendInterval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(t.progressRefresh()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.streams()).containsEntry("num.stream.threads", "2");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> read("""
                collector:
                  punctuate: 5s
                  http: {port: 70000}
                  space: {warnUsedRatio: 0.9, criticalUsedRatio: 0.8}
                  silence: {missedHeartbeat: 3}
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("collector.punctuate")
                .hasMessageContaining("collector.http.port")
                .hasMessageContaining("collector.space.criticalUsedRatio")
                .hasMessageContaining("collector.silence.missedHeartbeat: unknown key");
    }
}
