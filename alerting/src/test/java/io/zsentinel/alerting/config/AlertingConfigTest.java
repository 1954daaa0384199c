package io.zsentinel.alerting.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zsentinel.alerting.AlertingConfig;
import io.zsentinel.alerting.inhibit.InhibitRule;
import io.zsentinel.alerting.webhook.PayloadFormat;
import io.zsentinel.alerting.zabbix.HostMapping;
import io.zsentinel.common.config.ConfigException;
import io.zsentinel.common.config.ConfigReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Good and bad fixture files under {@code src/test/resources/config/}; bad ones name the problem they expect. */
class AlertingConfigTest {
    private static final Path DIR = Path.of("src", "test", "resources", "config");
    private static final Map<String, String> ENV = Map.of(
            "HOOK_SECRET", "whsec_" + Base64.getEncoder().encodeToString(new byte[32]),
            "PLAIN_SECRET", "hunter2",
            "COMMAND_SECRET", "0123456789abcdef0123456789abcdef");

    static Stream<Path> good() throws IOException {
        return Files.list(DIR.resolve("good")).sorted();
    }

    static Stream<Path> bad() throws IOException {
        return Files.list(DIR.resolve("bad")).sorted();
    }

    private static AlertingConfig read(Path file) throws IOException {
        ConfigReader root = ConfigReader.parse(Files.readString(file), ENV, file.getParent());
        AlertingConfig config = AlertingConfig.read(root.section("alerting"));
        root.finish();
        return config;
    }

    @ParameterizedTest
    @MethodSource("good")
    void goodFilesLoad(Path file) throws IOException {
        assertThat(read(file)).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("bad")
    void badFilesNameTheKeyAndTheReason(Path file) throws IOException {
        String expected = Files.readAllLines(file).get(0).replaceFirst("^# expect: ", "");
        assertThatThrownBy(() -> read(file))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems())
                        .anySatisfy(p -> assertThat(p.toString()).contains(expected)));
    }

    @Test
    void defaultsAreAlertmanagersAndTheDefaultInhibitions() throws IOException {
        AlertingConfig config = read(DIR.resolve("good/empty.yaml"));
        assertThat(config.route().groupWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.route().groupInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.route().repeatInterval()).isEqualTo(Duration.ofHours(4));
        assertThat(config.route().receiver()).isNull();
        assertThat(config.inhibitRules()).isEqualTo(InhibitRule.defaults());
        assertThat(config.resync().enabled()).isFalse();
        assertThat(config.httpPort()).isEqualTo(9095);
    }

    @Test
    void theFullExampleReadsEveryKey() throws IOException {
        AlertingConfig config = read(DIR.resolve("good/full.yaml"));
        assertThat(config.route().children()).hasSize(2);
        assertThat(config.route().children().get(0).receiver()).isEqualTo("zabbix");
        assertThat(config.route().children().get(0).groupWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.route().children().get(1).allLabels()).isTrue();
        WebhookReceiverConfig hook = (WebhookReceiverConfig) config.receivers().get("oncall");
        assertThat(hook.payload()).isEqualTo(PayloadFormat.ALERTMANAGER);
        assertThat(hook.key()).hasSize(32);
        assertThat(hook.maxAttempts()).isEqualTo(8);
        assertThat(hook.toString()).doesNotContain("whsec_");
        ZabbixReceiverConfig zabbix = (ZabbixReceiverConfig) config.receivers().get("zabbix");
        assertThat(zabbix.hosts().by()).isEqualTo(HostMapping.By.NODE);
        assertThat(zabbix.compress()).isTrue();
        assertThat(config.resync().blackout()).hasSize(2);
        assertThat(config.resync().allows("lab/555-1")).isTrue();
        assertThat(config.resync().allows("prod/102-0")).isFalse();
        assertThat(config.inhibitRules()).hasSize(1);
        assertThat(List.of(config.nflogRetention(), config.silenceRetention()))
                .containsExactly(Duration.ofDays(7), Duration.ofDays(14));
    }
}
