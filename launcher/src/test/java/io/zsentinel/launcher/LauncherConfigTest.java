package io.zsentinel.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.zsentinel.events.EventCodec;
import io.zsentinel.executor.config.JobConfig;
import io.zsentinel.executor.config.NodeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's configuration path: bad files exit 2 naming every key; the quick start's config loads. */
class LauncherConfigTest {
    private static final String FINGERPRINT_1 = "SHA256:D1yAeTkhW+e0uIdqe2KLsM72rU9b/GzWDkm43Lbfgk8";
    private static final String FINGERPRINT_2 = "SHA256:TFS1mg8578pT6vAs+Oiu7Ii1abvrKUrRiqkPI2pzrZ4";

    @TempDir
    Path dir;

    @Test
    void runWithABadConfigExitsTwoAndNamesEveryBadKey() throws Exception {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, """
                stateDir: %s
                kafka:
                  topicPrefix: "no spaces allowed"
                executor:
                  heartbeatInterval: soon
                  jobs:
                    - id: "1-0"
                      source: pve1
                      target: pve2
                      datasets: [rpool/data/subvol-100-disk-0]
                      schedule: "*/61"
                collector:
                  punctuate: 5s
                alerting:
                  route:
                    groupWait: forever
                  resync:
                    enabled: true
                    jobs: [lab/*]
                unknownSection: 1
                """.formatted(dir.resolve("state")));

        Cli.Result result = Cli.execute("run", "--config", config.toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.stderr())
                .contains("invalid configuration")
                .contains("kafka.topicPrefix")
                .contains("executor.heartbeatInterval")
                .contains("executor.jobs[0].id")
                .contains("executor.jobs[0].source")
                .contains("executor.jobs[0].schedule")
                .contains("collector.punctuate")
                .contains("alerting.route.groupWait")
                .contains("alerting.resync.secret")
                .contains("unknownSection");
        assertThat(Files.exists(dir.resolve("state"))).as("nothing started").isFalse();
    }

    @Test
    void aMissingConfigFileExitsTwoNamingTheFile() {
        Path missing = dir.resolve("nope.yaml");

        Cli.Result result = Cli.execute("run", "--config", missing.toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.stderr()).contains(missing.toString());
    }

    @Test
    void labConfigRendersAConfigurationThePipelineAccepts() throws Exception {
        Path secret = dir.resolve("command.secret");
        Files.writeString(secret, "0123456789abcdef0123456789abcdef\n");
        JsonNode descriptor = descriptor();

        Map<String, Object> rendered = LabConfig.render(descriptor, dir.resolve("state"), secret, 18080);
        Path file = dir.resolve("lab.yaml");
        Files.writeString(file, new ObjectMapper(new YAMLFactory()).writeValueAsString(rendered));
        PipelineConfig config = PipelineConfig.load(file, Map.of());

        assertThat(config.stateDir()).isEqualTo(dir.resolve("state"));
        assertThat(config.kafka().embedded()).isTrue();
        assertThat(config.kafka().dataDir()).isEqualTo(dir.resolve("state").resolve("kafka"));
        assertThat(config.executor().cluster()).isEqualTo("lab");
        assertThat(config.executor().commandSecret()).isPresent();
        assertThat(config.executor().nodes()).extracting(NodeConfig::name).containsExactly("pve1", "pve2");
        assertThat(config.executor().nodes().get(0).hostKeyFingerprint()).isEqualTo(FINGERPRINT_1);
        List<JobConfig> jobs = config.executor().jobs();
        assertThat(jobs).extracting(j -> j.key().toString()).containsExactly("lab/100-0", "lab/101-0");
        assertThat(jobs).allSatisfy(j -> {
            assertThat(j.source()).isEqualTo("pve1");
            assertThat(j.target()).isEqualTo("pve2");
        });
        assertThat(jobs.get(1).datasets()).containsExactly("rpool/data/subvol-101-disk-0");
        assertThat(config.collector().httpPort()).isEqualTo(18080);
        assertThat(config.alerting().httpPort()).isEqualTo(18081);
        assertThat(config.alerting().resync().enabled()).isTrue();
        assertThat(config.alerting().resync().allows("lab/101-0")).isTrue();
        assertThat(config.alerting().resync().secret().bytes())
                .isEqualTo(config.executor().commandSecret().get().bytes());
    }

    @Test
    void labConfigCommandWritesAFileThatLoads() throws Exception {
        Path descriptorFile = dir.resolve("nodes.json");
        Files.writeString(descriptorFile, EventCodec.mapper().writeValueAsString(descriptor()));
        Path out = dir.resolve("etc").resolve("zsentinel.yaml");

        assertThat(Zsentinel.execute(
                        "lab-config",
                        "--lab",
                        descriptorFile.toString(),
                        "--out",
                        out.toString(),
                        "--state-dir",
                        dir.resolve("state").toString(),
                        "--http-port",
                        "18090"))
                .isZero();

        PipelineConfig config = PipelineConfig.load(out, Map.of());
        assertThat(config.collector().httpPort()).isEqualTo(18090);
        assertThat(config.executor().jobs()).hasSize(2);
        assertThat(Files.readString(out.resolveSibling("command.secret")).strip())
                .hasSizeGreaterThanOrEqualTo(16);
    }

    @Test
    void labConfigNeedsTwoNodes() throws Exception {
        JsonNode one = EventCodec.mapper().readTree("{\"nodes\":[{\"name\":\"pve1\"}]}");

        assertThatThrownBy(() -> LabConfig.render(one, dir, dir.resolve("s"), 8080))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lab.sh up 2");
    }

    /** A lab descriptor as deploy/lab/lab.sh writes it, with key files that exist. */
    private JsonNode descriptor() throws Exception {
        Path key = dir.resolve("id_ed25519");
        Files.writeString(key, "not a real key: the config only checks that the file exists\n");
        String json = """
                {"version": 1, "stateDir": "%1$s", "knownHosts": "%1$s/known_hosts", "nodes": [
                  {"name": "pve1", "host": "127.0.0.11", "port": 2222, "user": "root", "privateKey": "%2$s",
                   "hostKeyFingerprint": "%3$s", "pool": "rpool", "dataRoot": "rpool/data"},
                  {"name": "pve2", "host": "127.0.0.12", "port": 2222, "user": "root", "privateKey": "%2$s",
                   "hostKeyFingerprint": "%4$s", "pool": "rpool", "dataRoot": "rpool/data"}]}
                """.formatted(dir, key, FINGERPRINT_1, FINGERPRINT_2);
        return EventCodec.mapper().readTree(json);
    }
}
