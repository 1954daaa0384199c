package io.zsentinel.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReaderTest {
    private enum Mode {
        DRY_RUN,
        LIVE
    }

    private static ConfigReader parse(String yaml) {
        return ConfigReader.parse(yaml, Map.of("TOKEN", "s3cr3t-value"), null);
    }

    @Test
    void readsTypedValuesWithDefaults() {
        ConfigReader root = parse("""
                a:
                  name: pve1
                  port: 2222
                  ratio: 1.3
                  on: true
                  every: 1h30m
                  mode: dry-run
                  tags: [x, y]
                  labels: {team: storage}
                """);
        ConfigReader a = root.section("a");
        assertThat(a.string("name", "x")).isEqualTo("pve1");
        assertThat(a.integer("port", 22, 1, 65535)).isEqualTo(2222);
        assertThat(a.decimal("ratio", 1.0, 1.0, 10.0)).isEqualTo(1.3);
        assertThat(a.bool("on", false)).isTrue();
        assertThat(a.duration("every", Duration.ZERO, Duration.ZERO, Duration.ofDays(1)))
                .isEqualTo(Duration.ofMinutes(90));
        assertThat(a.enumValue("mode", Mode.class, Mode.LIVE)).isEqualTo(Mode.DRY_RUN);
        assertThat(a.strings("tags")).containsExactly("x", "y");
        assertThat(a.stringMap("labels")).containsEntry("team", "storage");
        assertThat(a.string("absent", "fallback")).isEqualTo("fallback");
        root.finish();
    }

    @Test
    void reportsEveryProblemAtOnceNamingTheKey() {
        ConfigReader root = parse("""
                executor:
                  port: 70000
                  every: soon
                  mode: sometimes
                  on: "yes"
                  jobs:
                    - id: 101-0
                      shedule: "*/5"
                typo: 1
                """);
        ConfigReader ex = root.section("executor");
        ex.integer("port", 22, 1, 65535);
        ex.duration("every", Duration.ofMinutes(1), Duration.ZERO, Duration.ofDays(1));
        ex.enumValue("mode", Mode.class, Mode.LIVE);
        ex.bool("on", false);
        ex.requiredString("host");
        List<ConfigReader> jobs = ex.sections("jobs");
        jobs.get(0).matching("id", Pattern.compile("[1-9][0-9]{2,8}-\\d{1,9}"), "a job id", null, true);
        jobs.get(0).string("schedule", "*/15");

        assertThatThrownBy(root::finish)
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems())
                        .extracting(ConfigProblem::key)
                        .containsExactlyInAnyOrder(
                                "executor.port",
                                "executor.every",
                                "executor.mode",
                                "executor.on",
                                "executor.host",
                                "executor.jobs[0].shedule",
                                "typo"))
                .hasMessageContaining("executor.port: must be between 1 and 65535, got 70000")
                .hasMessageContaining("executor.jobs[0].shedule: unknown key")
                .hasMessageContaining("executor.mode: 'sometimes' is not one of [dry-run, live]");
        assertThat(ConfigException.EXIT_CODE).isEqualTo(2);
    }

    @Test
    void secretsComeFromEnvironmentOrFileAndNeverPrintThemselves(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("key"), "from-file\n");
        ConfigReader root = ConfigReader.parse("""
                s:
                  a: {env: TOKEN}
                  b: {file: key}
                  c: {env: MISSING}
                """, Map.of("TOKEN", "s3cr3t-value"), dir);
        ConfigReader s = root.section("s");
        Secret a = s.secret("a").orElseThrow();
        assertThat(a.text()).isEqualTo("s3cr3t-value");
        assertThat(a.toString()).doesNotContain("s3cr3t").contains("env:TOKEN");
        assertThat(s.secret("b").orElseThrow().text()).isEqualTo("from-file");
        assertThat(s.secret("c")).isEmpty();
        assertThatThrownBy(root::finish)
                .hasMessageContaining("s.c: environment variable MISSING is not set")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void syntaxErrorsAndMissingFilesAreConfigErrors(@TempDir Path dir) {
        assertThatThrownBy(() -> parse("a: [unclosed"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> parse("- a\n- b")).hasMessageContaining("mapping of sections");
        assertThatThrownBy(() -> ConfigReader.load(dir.resolve("nope.yaml"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void wrongShapesAreReported() {
        ConfigReader root = parse("""
                a: 5
                b: {x: 1}
                c: [1, 2]
                """);
        root.section("a");
        root.sections("b");
        root.string("c");
        assertThat(root.problems())
                .extracting(ConfigProblem::toString)
                .containsExactly("a: must be a mapping", "b: must be a list", "c: must be a string");
    }
}
