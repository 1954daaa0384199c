package io.zsentinel.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zsentinel.events.data.FindingNames;
import io.zsentinel.events.data.JobFailedData;
import io.zsentinel.events.data.RunStage;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The names the modules share ({@link FindingNames}, {@link RunStage}) are the ones the schemas document. */
class ContractNamesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern QUOTED = Pattern.compile("`([^`]+)`");

    @Test
    void findingNamesAreTheOnesTheFindingSchemaLists() throws IOException {
        List<String> constants = Arrays.stream(FindingNames.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(ContractNamesTest::value)
                .filter(v -> v.contains("."))
                .toList();
        assertThat(constants)
                .containsExactlyInAnyOrderElementsOf(quoted(property("zsentinel.finding.json", "name")
                        .path("description")
                        .asText()));
    }

    @Test
    void runStagesAreTheOnesTheFailureSchemaListsPlusUnknown() throws IOException {
        List<String> documented = quoted(property("zsentinel.job.failed.json", "stage")
                .path("description")
                .asText());
        assertThat(Arrays.stream(RunStage.values())
                        .filter(s -> s != RunStage.UNKNOWN)
                        .map(RunStage::wireName))
                .containsExactlyElementsOf(documented);
    }

    @Test
    void aStageIsWrittenInLowerCaseAndAnUnknownOneReadsAsUnknown() throws MalformedEventException, IOException {
        Envelope sample = SampleEvents.of(EventType.JOB_FAILED);
        ObjectNode encoded = (ObjectNode) JSON.readTree(EventCodec.encode(sample));
        assertThat(encoded.path("data").path("stage").asText())
                .isEqualTo(sample.data(JobFailedData.class).stage().wireName())
                .isLowerCase();

        ((ObjectNode) encoded.get("data")).put("stage", "replicate");
        assertThat(EventCodec.decode(JSON.writeValueAsBytes(encoded))
                        .data(JobFailedData.class)
                        .stage())
                .isEqualTo(RunStage.UNKNOWN);
    }

    private static JsonNode property(String schema, String name) throws IOException {
        try (InputStream in = ContractNamesTest.class.getResourceAsStream("/schemas/" + schema)) {
            assertThat(in).as(schema).isNotNull();
            JsonNode found = JSON.readTree(in).path("properties").path("data").findValue(name);
            assertThat(found).as(schema + " describes " + name).isNotNull();
            return found;
        }
    }

    private static List<String> quoted(String text) {
        Matcher m = QUOTED.matcher(text);
        return m.results().map(r -> r.group(1)).toList();
    }

    private static String value(Field f) {
        try {
            return (String) f.get(null);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }
}
