package io.zsentinel.alerting.zabbix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.zsentinel.events.state.JobStatus;
import io.zsentinel.events.state.PoolStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The importable templates hold exactly the keys the code sends, with value types that fit. */
class ZabbixTemplateTest {
    private static final Path DIR = Path.of("..", "deploy", "zabbix");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern REFERENCE = Pattern.compile("\\(/([^/]+)/([^,)]+)");
    private static final Instant NOW = Instant.parse("2026-01-05T12:00:00Z");

    @ParameterizedTest
    @CsvSource({"zsentinel_template_6.0.yaml, 6.0, groups", "zsentinel_template_7.0.yaml, 7.0, template_groups"})
    void templateKeysAreExactlyWhatTheCodeSends(String file, String version, String groupsKey) throws Exception {
        JsonNode export = new ObjectMapper(new YAMLFactory())
                .readTree(Files.readString(DIR.resolve(file)))
                .get("zabbix_export");
        assertThat(export.get("version").asText()).isEqualTo(version);
        assertThat(export.has(groupsKey)).isTrue();
        JsonNode template = export.get("templates").get(0);
        String name = template.get("template").asText();

        List<String> items = keys(template.get("items"));
        assertThat(items).containsExactlyInAnyOrderElementsOf(ZabbixKeys.HOST_ITEMS);
        Map<String, JsonNode> rules = new HashMap<>();
        template.get("discovery_rules").forEach(r -> rules.put(r.get("key").asText(), r));
        assertThat(rules.keySet()).containsExactlyInAnyOrder(ZabbixKeys.JOBS_DISCOVERY, ZabbixKeys.POOLS_DISCOVERY);
        assertThat(keys(rules.get(ZabbixKeys.JOBS_DISCOVERY).get("item_prototypes")))
                .containsExactlyInAnyOrderElementsOf(ZabbixKeys.jobPrototypes());
        assertThat(keys(rules.get(ZabbixKeys.POOLS_DISCOVERY).get("item_prototypes")))
                .containsExactlyInAnyOrderElementsOf(ZabbixKeys.poolPrototypes());

        // every item is a trapper item, every uuid 32 hex and unique
        List<JsonNode> all = new ArrayList<>();
        template.get("items").forEach(all::add);
        rules.values().forEach(r -> {
            all.add(r);
            r.get("item_prototypes").forEach(all::add);
        });
        assertThat(all).allSatisfy(i -> {
            assertThat(i.get("type").asText()).isEqualTo("TRAP");
            assertThat(i.get("delay").asText())
                    .as("trapper items are not polled")
                    .isEqualTo("0");
        });
        List<String> uuids = new ArrayList<>();
        collectUuids(export, uuids);
        assertThat(uuids)
                .allMatch(u -> UUID.matcher(u).matches())
                .doesNotHaveDuplicates()
                .hasSizeGreaterThan(20);

        // triggers only reference this template's keys
        Set<String> known = new HashSet<>(items);
        known.addAll(ZabbixKeys.jobPrototypes());
        known.addAll(ZabbixKeys.poolPrototypes());
        List<String> expressions = new ArrayList<>();
        collect(export, "expression", expressions);
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(8);
        for (String expression : expressions) {
            Matcher m = REFERENCE.matcher(expression);
            assertThat(m.find()).as(expression).isTrue();
            do {
                assertThat(m.group(1)).isEqualTo(name);
                assertThat(known).as(expression).contains(m.group(2));
            } while (m.find());
        }

        // what the code sends lands on a prototype, and -1 ("unknown") only on FLOAT items
        Map<String, String> valueTypes = new HashMap<>();
        rules.values()
                .forEach(r -> r.get("item_prototypes")
                        .forEach(p -> valueTypes.put(
                                p.get("key").asText(), p.path("value_type").asText("UNSIGNED"))));
        JobStatus job = new JobStatus(
                "lab/101-0",
                "pve1",
                "pve2",
                "ex1",
                true,
                "*/15",
                null,
                null,
                null,
                null,
                null,
                0,
                null,
                null,
                "OK",
                null,
                1200,
                null,
                null,
                null,
                null,
                NOW);
        PoolStatus pool = new PoolStatus(
                "lab/pve2/rpool", "lab", "pve2", "rpool", 1000, 400, 600, "ONLINE", null, null, null, null, 0, NOW);
        List<ZabbixValue> sent = new ArrayList<>(ZabbixItems.jobValues(job, HostMapping.byCluster(), NOW));
        sent.addAll(ZabbixItems.poolValues(pool, HostMapping.byCluster(), NOW));
        for (ZabbixValue value : sent) {
            String prototype = value.key().replace("[lab/101-0]", "[{#JOB}]").replace("[lab/pve2/rpool]", "[{#POOL}]");
            assertThat(valueTypes).as(value.key()).containsKey(prototype);
            if (value.value().equals("-1")) {
                assertThat(valueTypes.get(prototype)).as(prototype).isEqualTo("FLOAT");
            }
        }
        assertThat(sent).extracting(ZabbixValue::host).containsOnly("lab");
    }

    private static List<String> keys(JsonNode list) {
        List<String> keys = new ArrayList<>();
        list.forEach(i -> keys.add(i.get("key").asText()));
        return keys;
    }

    private static void collectUuids(JsonNode node, List<String> out) {
        collect(node, "uuid", out);
    }

    private static void collect(JsonNode node, String field, List<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals(field)) {
                    out.add(e.getValue().asText());
                } else {
                    collect(e.getValue(), field, out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, field, out));
        }
    }
}
