package io.zsentinel.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zsentinel.common.config.ConfigException;
import io.zsentinel.common.config.ConfigProblem;
import io.zsentinel.common.config.ConfigReader;
import io.zsentinel.executor.config.JobConfig;
import io.zsentinel.executor.config.NodeConfig;
import io.zsentinel.remote.SshEndpoint;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExecutorConfigTest {
    private static final String FINGERPRINT = "SHA256:D1yAeTkhW+e0uIdqe2KLsM72rU9b/GzWDkm43Lbfgk8";

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(ExecutorConfigTest.class.getResource("/config/" + name).toURI());
    }

    @Test
    void readsEveryKeyAndAppliesDefaults() throws Exception {
        ConfigReader root = ConfigReader.load(fixture("good.yaml"), Map.of("ZS_CMD_SECRET", "0123456789abcdef-secret"));
        ExecutorConfig c = ExecutorConfig.read(root.section("executor"));
        root.finish();
        assertThat(c.id()).isEqualTo("exec-lab-1");
        assertThat(c.timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(c.maxTransfersPerNode()).isEqualTo(2);
        assertThat(c.heartbeatInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(c.inventoryInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.poolInterval()).isEqualTo(Duration.ofMinutes(3));
        assertThat(c.spoolDir()).contains(Path.of("/var/lib/zsentinel/spool"));
        assertThat(c.spoolMaxBytes()).isEqualTo(10485760L);
        assertThat(c.commandSecret()).isPresent();
        assertThat(c.commandSecret().get().toString()).doesNotContain("0123456789abcdef");
        assertThat(c.nodes()).hasSize(2);
        NodeConfig pve1 = c.nodes().get(0);
        assertThat(pve1.user()).isEqualTo("root");
        assertThat(pve1.port()).isEqualTo(2222);
        assertThat(pve1.privateKey()).isEqualTo(fixture("key"));
        JobConfig j1 = c.jobs().get(0);
        assertThat(j1.key().toString()).isEqualTo("lab/101-0");
        assertThat(j1.schedule().text()).isEqualTo("*/15");
        assertThat(j1.rpoTarget()).isEqualTo(Duration.ofMinutes(20));
        assertThat(j1.enabled()).isTrue();
        assertThat(j1.rateBytesPerSecond()).isZero();
        assertThat(j1.datasets()).containsExactly("rpool/data/subvol-101-disk-0", "rpool/data/subvol-101-disk-1");
        JobConfig j2 = c.jobs().get(1);
        assertThat(j2.key().toString()).isEqualTo("other/102-0");
        assertThat(j2.rateBytesPerSecond()).isEqualTo(12_500_000L);
        assertThat(j2.rpoTarget()).isEqualTo(Duration.ofHours(1));
        assertThat(j2.enabled()).isFalse();
    }

    @Test
    void emptySectionHasDefaults() {
        ConfigReader root = ConfigReader.parse("", Map.of(), null);
        ExecutorConfig c = ExecutorConfig.read(root.section("executor"));
        root.finish();
        assertThat(c.maxTransfersPerNode()).isEqualTo(1);
        assertThat(c.heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.inventoryInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.spoolMaxBytes()).isEqualTo(256L << 20);
        assertThat(c.commandSecret()).isEmpty();
        assertThat(c.jobs()).isEmpty();
    }

    @Test
    void everyProblemNamesItsKey() throws Exception {
        ConfigReader root = ConfigReader.load(fixture("bad.yaml"), Map.of("ZS_SHORT", "short"));
        ExecutorConfig.read(root.section("executor"));
        assertThatThrownBy(root::finish)
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .extracting(ConfigProblem::key)
                                .contains(
                                        "executor.id",
                                        "executor.timezone",
                                        "executor.maxTransfersPerNode",
                                        "executor.commandSecret",
                                        "executor.nodes[0].privateKey",
                                        "executor.nodes[0].hostKeyFingerprint",
                                        "executor.nodes[1].name",
                                        "executor.nodes[1].host",
                                        "executor.nodes[1].hostKeyFingerprint",
                                        "executor.jobs[0].id",
                                        "executor.jobs[0].target",
                                        "executor.jobs[0].datasets",
                                        "executor.jobs[0].schedule",
                                        "executor.jobs[0].rate",
                                        "executor.jobs[1].source",
                                        "executor.jobs[1].datasets"))
                .hasMessageNotContaining("short");
        assertThat(ConfigException.EXIT_CODE).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "hostKeyFingerprint | MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48",
                "hostKeyFingerprint | 16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48",
                "host | -oProxyCommand=touch",
                "name | pve_1"
            })
    void aNodeValueTheSshLayerWouldRefuseAtStartIsAConfigProblem(String key, String value) throws Exception {
        Map<String, String> node = new LinkedHashMap<>(Map.of(
                "name",
                "pve1",
                "host",
                "127.0.0.11",
                "privateKey",
                fixture("key").toString(),
                "hostKeyFingerprint",
                FINGERPRINT));
        node.put(key, value);
        String fields = node.entrySet().stream()
                .map(f -> f.getKey() + ": \"" + f.getValue() + "\"")
                .collect(Collectors.joining(", "));
        ConfigReader root = ConfigReader.parse("executor:\n  nodes:\n    - {" + fields + "}\n", Map.of(), null);
        ExecutorConfig.read(root.section("executor"));
        assertThatThrownBy(root::finish)
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .extracting(ConfigProblem::key)
                                .contains("executor.nodes[0]." + key));
    }

    @Test
    void everyNodeTheConfigAcceptsIsAnEndpointTheSshLayerAccepts() throws Exception {
        ConfigReader root = ConfigReader.load(fixture("good.yaml"), Map.of("ZS_CMD_SECRET", "0123456789abcdef-secret"));
        ExecutorConfig c = ExecutorConfig.read(root.section("executor"));
        root.finish();
        assertThat(c.nodes())
                .allSatisfy(n -> assertThat(new SshEndpoint(
                                        n.name(),
                                        n.host(),
                                        n.port(),
                                        n.user(),
                                        n.privateKey(),
                                        n.hostKeyFingerprint(),
                                        n.knownHosts())
                                .name())
                        .isEqualTo(n.name()));
    }

    @Test
    void unknownKeysAreRejectedByFinish() {
        ConfigReader root = ConfigReader.parse("executor:\n  heartbeatIntervall: 5s\n", Map.of(), null);
        ExecutorConfig.read(root.section("executor"));
        assertThatThrownBy(root::finish).hasMessageContaining("executor.heartbeatIntervall: unknown key");
    }
}
