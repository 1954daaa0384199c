package io.zsentinel.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ConfigKeyTest {
    private static final ConfigKey<Duration> EVERY = ConfigKey.duration(
                    "spool.every", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofHours(1))
            .describedAs("how often");
    private static final ConfigKey<String> NAME = ConfigKey.requiredMatching(
                    "nodes[].name", Pattern.compile("[a-z]+"), "a node name")
            .describedAs("the node");
    private static final ConfigKey<Optional<Secret>> SECRET = ConfigKey.secret("secret")
            .check(s -> s.isEmpty() || s.get().length() >= 16, s -> "must be at least 16 bytes")
            .describedAs("the key");
    private static final ConfigKey<ZoneId> ZONE = ConfigKey.parsed(
                    "zone", ZoneId.of("UTC"), ZoneId::of, (text, e) -> "'" + text + "' is not a time zone")
            .describedAs("the zone");

    private static ConfigReader parse(String yaml) {
        return ConfigReader.parse(yaml, Map.of("SHORT", "short"), null);
    }

    @Test
    void aKeyIsLookedUpByItsLastSegmentInTheReaderItIsGiven() {
        ConfigReader root = parse("spool: {every: 5s}\nnodes: [{name: pve}]\n");
        assertThat(EVERY.child()).isEqualTo("every");
        assertThat(EVERY.read(root.section("spool"))).isEqualTo(Duration.ofSeconds(5));
        assertThat(NAME.read(root.sections("nodes").get(0))).isEqualTo("pve");
        root.finish();
    }

    @Test
    void problemsAreTheReadersWithTheFullKey() {
        ConfigReader root = parse("spool: {every: 2h}\nnodes: [{}]\nsecret: {env: SHORT}\nzone: Mars/Base\n");
        assertThat(EVERY.read(root.section("spool"))).isEqualTo(Duration.ofSeconds(30));
        NAME.read(root.sections("nodes").get(0));
        assertThat(SECRET.read(root)).isPresent();
        assertThat(ZONE.read(root)).isEqualTo(ZoneId.of("UTC"));
        assertThat(root.problems())
                .extracting(ConfigProblem::toString)
                .containsExactly(
                        "spool.every: must be between 1s and 1h, got 2h",
                        "nodes[0].name: is required (a node name)",
                        "secret: must be at least 16 bytes",
                        "zone: 'Mars/Base' is not a time zone");
        assertThat(root.problems().toString()).doesNotContain("short");
    }

    @Test
    void aDefaultGivenAtReadTimeStandsForTheDeclaredOne() {
        ConfigReader root = parse("");
        assertThat(EVERY.readOr(root, Duration.ofMinutes(2))).isEqualTo(Duration.ofMinutes(2));
        assertThat(EVERY.read(root)).isEqualTo(Duration.ofSeconds(30));
        assertThat(SECRET.read(root)).isEmpty();
        assertThat(root.problems()).isEmpty();
    }

    @Test
    void defaultsAreShownAsTheDocsWriteThem() {
        assertThat(EVERY.defaultText()).isEqualTo("`30s`");
        assertThat(NAME.defaultText()).isEqualTo("required");
        assertThat(SECRET.defaultText()).isEqualTo("none");
        assertThat(ConfigKey.decimal("rate", 0, 0, 1).defaultText()).isEqualTo("`0`");
        assertThat(ConfigKey.decimal("ratio", 0.8, 0, 1).defaultText()).isEqualTo("`0.8`");
        assertThat(ConfigKey.strings("by", List.of("a", "b")).defaultText()).isEqualTo("`[a, b]`");
        assertThat(EVERY.shownAs("`30s` (1s..1h)").defaultText()).isEqualTo("`30s` (1s..1h)");
    }

    @Test
    void theTableIsOneRowPerKeyAndIsFoundInMarkdown() {
        List<ConfigKey<?>> keys = List.of(EVERY, NAME);
        String markdown = "# title\n\ntext\n\n" + ConfigTable.markdown(keys) + "\nmore text\n| not | the table |\n";
        assertThat(ConfigTable.rows(keys))
                .containsExactly("| `spool.every` | `30s` | how often |", "| `nodes[].name` | required | the node |");
        assertThat(ConfigTable.documentedRows(markdown)).isEqualTo(ConfigTable.rows(keys));
    }

    @Test
    void aKeyWithoutMeaningCannotBeTabled() {
        assertThatThrownBy(() -> ConfigTable.rows(List.of(ConfigKey.bool("on", true))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("on");
    }
}
