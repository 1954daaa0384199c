package io.zsentinel.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.zsentinel.events.MalformedEventException.Reason;
import io.zsentinel.events.data.CommandData;
import io.zsentinel.events.data.HeartbeatData;
import io.zsentinel.events.data.InventoryData;
import io.zsentinel.events.state.JobStatus;
import io.zsentinel.events.state.PoolStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The public contract, checked three ways against each other: the JSON Schemas under
 * {@code schemas/}, what {@link EventCodec} writes and accepts, and {@code events/README.md}.
 */
class EventSchemaTest {
    /** The {@code $id} prefix of every schema; mapped to the classpath for validation. */
    static final String ID_PREFIX = "https://zsentinel.io/schemas/events/v1/";

    static final String JOB_STATUS_SCHEMA = "state.job-status.json";
    static final String POOL_STATUS_SCHEMA = "state.pool-status.json";
    static final Set<String> NON_EVENT_SCHEMAS = Set.of("common.json", JOB_STATUS_SCHEMA, POOL_STATUS_SCHEMA);
    /** Fields {@link EventCodec} adds to every {@code data}, beside the record's own. */
    static final Set<String> ECS_FIELDS = Set.of("event", "host", "ecs");

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .formatAssertionsEnabled(true)
                            .build())
                    .schemaIdResolvers(ids -> ids.mapPrefix(ID_PREFIX, "classpath:schemas/")));

    // ---- every type: schema, round trip, ECS ---------------------------------------------

    @ParameterizedTest
    @EnumSource(EventType.class)
    void sampleIsValidAgainstItsSchema(EventType type) {
        Envelope sample = SampleEvents.of(type);
        assertThat(sample.type()).isEqualTo(type);
        assertThat(violations(type, json(EventCodec.encode(sample)))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void sampleRoundTrips(EventType type) throws MalformedEventException {
        Envelope sample = SampleEvents.of(type);
        Envelope decoded = EventCodec.decode(EventCodec.encode(sample));
        assertThat(decoded).isEqualTo(sample);
        assertThat(EventCodec.toTree(decoded)).isEqualTo(EventCodec.toTree(sample));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void dataCarriesTheEcsFieldsOfItsType(EventType type) {
        Envelope sample = SampleEvents.of(type);
        JsonNode data = json(EventCodec.encode(sample)).get("data");
        EventType.Ecs ecs = type.ecs();
        JsonNode event = data.get("event");
        assertThat(event.get("kind").asText()).isEqualTo(ecs.kind());
        assertThat(texts(event.get("category"))).isEqualTo(ecs.category());
        assertThat(texts(event.get("type"))).isEqualTo(ecs.type());
        assertThat(event.get("action").asText()).isEqualTo(type.wireName());
        assertThat(event.get("dataset").asText()).isEqualTo("zsentinel.events");
        String outcome = sample.data().outcome() != null ? sample.data().outcome() : ecs.outcome();
        if (outcome == null) {
            assertThat(event.has("outcome")).isFalse();
        } else {
            assertThat(event.get("outcome").asText()).isEqualTo(outcome);
        }
        if (sample.data().hostName() == null) {
            assertThat(data.has("host")).isFalse();
        } else {
            assertThat(data.at("/host/name").asText()).isEqualTo(sample.data().hostName());
        }
        assertThat(data.at("/ecs/version").asText()).isEqualTo(EventCodec.ECS_VERSION);
    }

    @Test
    void samplesCoverEveryTypeOnceAndAreStable() {
        List<Envelope> all = SampleEvents.all();
        assertThat(all).extracting(Envelope::type).containsExactly(EventType.values());
        assertThat(all).extracting(Envelope::id).doesNotHaveDuplicates();
        assertThat(SampleEvents.all()).isEqualTo(all);
    }

    // ---- schemas agree with the records and the codec --------------------------------------

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaDescribesEveryFieldOfTheRecord(EventType type) {
        JsonNode data = schemaJson(fileOf(type)).at("/properties/data");
        Set<String> expected = componentNames(type.dataClass());
        expected.addAll(ECS_FIELDS);
        if (type.dataClass() == CommandData.class) {
            expected.remove("host"); // a command is about a job, never a node
        }
        assertThat(fieldNames(data.get("properties"))).isEqualTo(expected);
        assertThat(data.get("additionalProperties").asBoolean())
                .as("readers ignore unknown fields")
                .isTrue();
        assertThat(schemaJson(fileOf(type)).at("/properties/type/const").asText())
                .isEqualTo(type.wireName());
    }

    @Test
    void nestedAndStateSchemasDescribeEveryFieldOfTheirRecords() {
        assertThat(fieldNames(schemaJson(fileOf(EventType.INVENTORY_REPORTED))
                        .at("/properties/data/properties/snapshots/items/properties")))
                .isEqualTo(componentNames(InventoryData.Snapshot.class));
        assertThat(fieldNames(schemaJson(fileOf(EventType.EXECUTOR_HEARTBEAT))
                        .at("/properties/data/properties/jobs/items/properties")))
                .isEqualTo(componentNames(HeartbeatData.JobInfo.class));
        assertThat(fieldNames(schemaJson(JOB_STATUS_SCHEMA).get("properties")))
                .isEqualTo(componentNames(JobStatus.class));
        assertThat(fieldNames(schemaJson(JOB_STATUS_SCHEMA).at("/properties/transfer/properties")))
                .isEqualTo(componentNames(JobStatus.Transfer.class));
        assertThat(fieldNames(schemaJson(POOL_STATUS_SCHEMA).get("properties")))
                .isEqualTo(componentNames(PoolStatus.class));
    }

    /**
     * For every field of every record (nested ones included): the schema requires it exactly
     * when {@link EventCodec#decode} rejects the event without it; a null in a required field
     * is rejected by both, a null in an optional nullable field accepted by both.
     */
    @ParameterizedTest(name = "{0} {1} {3}")
    @MethodSource("recordFields")
    void schemaRequiresExactlyTheFieldsTheCodecRequires(
            EventType type, String pointer, Class<?> recordClass, String field) {
        ObjectNode removed = encodedSample(type);
        ((ObjectNode) removed.at(pointer)).remove(field);
        boolean required = fieldNames(schemaJson(fileOf(type)).at(schemaPointer(pointer) + "/required"))
                .contains(field);
        List<String> schemaErrors = violations(type, removed);
        MalformedEventException decodeError = decodeError(removed);

        ObjectNode nulled = encodedSample(type);
        ((ObjectNode) nulled.at(pointer)).putNull(field);
        if (required) {
            assertThat(schemaErrors)
                    .as("schema errors without required %s", field)
                    .isNotEmpty();
            assertThat(decodeError).as("decode without required %s", field).isNotNull();
            assertThat(decodeError.reason()).isEqualTo(Reason.INVALID_DATA);
            assertThat(violations(type, nulled))
                    .as("schema errors with %s null", field)
                    .isNotEmpty();
            assertThat(decodeError(nulled)).as("decode with %s null", field).isNotNull();
        } else {
            assertThat(schemaErrors)
                    .as("schema errors without optional %s", field)
                    .isEmpty();
            assertThat(decodeError).as("decode without optional %s", field).isNull();
            Class<?> javaType = componentType(recordClass, field);
            if (!javaType.isPrimitive()
                    && !List.class.isAssignableFrom(javaType)
                    && !Map.class.isAssignableFrom(javaType)) {
                // the codec writes null for an unknown value of these (primitives, lists and maps are never null)
                assertThat(violations(type, nulled))
                        .as("schema errors with optional %s null", field)
                        .isEmpty();
                assertThat(decodeError(nulled))
                        .as("decode with optional %s null", field)
                        .isNull();
            }
        }
    }

    static Stream<Arguments> recordFields() {
        List<Arguments> fields = new ArrayList<>();
        for (EventType type : EventType.values()) {
            addFields(fields, type, "/data", type.dataClass());
        }
        addFields(fields, EventType.INVENTORY_REPORTED, "/data/snapshots/0", InventoryData.Snapshot.class);
        addFields(fields, EventType.EXECUTOR_HEARTBEAT, "/data/jobs/0", HeartbeatData.JobInfo.class);
        addFields(
                fields,
                EventType.DRILL_COMPLETED,
                "/data/datasets/0",
                io.zsentinel.events.data.DrillData.Dataset.class);
        addFields(fields, EventType.DRILL_FAILED, "/data/datasets/0", io.zsentinel.events.data.DrillData.Dataset.class);
        return fields.stream();
    }

    private static void addFields(List<Arguments> fields, EventType type, String pointer, Class<?> recordClass) {
        for (String name : componentNames(recordClass)) {
            fields.add(Arguments.of(type, pointer, recordClass, name));
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyTypeRequiresSomeDataAndTheEcsFields(EventType type) {
        Set<String> required = fieldNames(schemaJson(fileOf(type)).at("/properties/data/required"));
        assertThat(required).isNotEmpty();
        for (String ecsField : List.of("event", "ecs")) {
            ObjectNode event = encodedSample(type);
            ((ObjectNode) event.get("data")).remove(ecsField);
            assertThat(violations(type, event)).as("without data.%s", ecsField).isNotEmpty();
        }
    }

    // ---- negative cases -------------------------------------------------------------------

    @Test
    void missingRequiredDataFieldFailsTheSchemaAndTheCodec() {
        ObjectNode event = encodedSample(EventType.JOB_FAILED);
        ((ObjectNode) event.get("data")).remove("errorClass");

        assertThat(violations(EventType.JOB_FAILED, event)).anyMatch(error -> error.contains("errorClass"));
        assertThatThrownBy(() -> EventCodec.decode(bytes(event)))
                .isInstanceOfSatisfying(
                        MalformedEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_DATA))
                .hasMessageContaining("zsentinel.job.failed")
                .hasMessageContaining("errorClass");
    }

    @Test
    void valueOutsideAClosedSetFailsTheSchemaAndTheCodec() {
        ObjectNode inventory = encodedSample(EventType.INVENTORY_REPORTED);
        ((ObjectNode) inventory.get("data")).put("role", "replica");
        assertThat(violations(EventType.INVENTORY_REPORTED, inventory)).isNotEmpty();
        assertThat(decodeError(inventory).reason()).isEqualTo(Reason.INVALID_DATA);

        // an error class from a newer writer fails this version's schema, but the codec reads it
        // as UNKNOWN instead of dead-lettering the whole failure
        ObjectNode failed = encodedSample(EventType.JOB_FAILED);
        ((ObjectNode) failed.get("data")).put("errorClass", "QUOTA_EXCEEDED");
        assertThat(violations(EventType.JOB_FAILED, failed)).isNotEmpty();
        assertThat(decode(failed)
                        .data(io.zsentinel.events.data.JobFailedData.class)
                        .errorClass())
                .isEqualTo(io.zsentinel.events.data.ErrorClass.UNKNOWN);

        ObjectNode finding = encodedSample(EventType.FINDING);
        ((ObjectNode) finding.get("data")).put("status", "pending");
        assertThat(violations(EventType.FINDING, finding)).isNotEmpty();
        assertThat(decodeError(finding).reason()).isEqualTo(Reason.INVALID_DATA);
    }

    @Test
    void schemaPinsTheCommandActionToTheType() {
        ObjectNode runNow = encodedSample(EventType.COMMAND_RUN_NOW);
        ((ObjectNode) runNow.get("data")).put("action", "resync");
        assertThat(violations(EventType.COMMAND_RUN_NOW, runNow)).isNotEmpty();
    }

    @Test
    void schemaRejectsAnotherTypesEvent() {
        JsonNode created = json(EventCodec.encode(SampleEvents.of(EventType.SNAPSHOT_CREATED)));
        assertThat(violations(EventType.SNAPSHOT_DESTROYED, created)).isNotEmpty();
    }

    @Test
    void unknownFieldsAreIgnored() throws MalformedEventException {
        Envelope sample = SampleEvents.of(EventType.INVENTORY_REPORTED);
        ObjectNode event = EventCodec.toTree(sample);
        event.put("partitionkey", "lab/101-0");
        event.putObject("zsentinelfuture").put("x", 1);
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("pool", "rpool");
        data.putArray("holds").add("zsentinel_last_received");
        ((ObjectNode) data.get("event")).put("severity", 3);
        ((ObjectNode) data.get("host")).put("hostname", "pve2.lab");
        ((ObjectNode) data.at("/snapshots/0")).put("written", 4096);

        assertThat(violations(EventType.INVENTORY_REPORTED, event)).isEmpty();
        assertThat(EventCodec.decode(bytes(event))).isEqualTo(sample);
    }

    @Test
    void unknownTypeIsRejectedAsUnknownType() {
        ObjectNode event = encodedSample(EventType.SNAPSHOT_CREATED);
        event.put("type", "zsentinel.snapshot.renamed");
        assertThat(decodeError(event).reason()).isEqualTo(Reason.UNKNOWN_TYPE);
        assertThat(violations(EventType.SNAPSHOT_CREATED, event)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"specversion\":\"1.0\",\"id\":", "not json", "{\"a\":1", "\"a string\"", "42", "null"})
    void malformedJsonIsRejectedAsMalformedJson(String value) {
        assertThat(decodeError(value.getBytes(StandardCharsets.UTF_8)).reason()).isEqualTo(Reason.MALFORMED_JSON);
    }

    @Test
    void jsonArrayIsRejectedAsMalformedJson() {
        ArrayNode array = EventCodec.mapper().createArrayNode().add(encodedSample(EventType.SNAPSHOT_CREATED));
        MalformedEventException e = decodeError(bytes(array));
        assertThat(e.reason()).isEqualTo(Reason.MALFORMED_JSON);
        assertThat(e).hasMessageContaining("not a JSON object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.3", "1.1", "2.0", "1"})
    void wrongSpecVersionIsRejected(String specVersion) {
        ObjectNode event = encodedSample(EventType.POOL_USAGE);
        event.put("specversion", specVersion);
        assertThat(decodeError(event).reason()).isEqualTo(Reason.UNSUPPORTED_SPEC_VERSION);
        assertThat(violations(EventType.POOL_USAGE, event)).isNotEmpty();
    }

    @Test
    void missingOrBlankSpecVersionIsAMissingAttribute() {
        ObjectNode missing = encodedSample(EventType.POOL_USAGE);
        missing.remove("specversion");
        assertThat(decodeError(missing).reason()).isEqualTo(Reason.MISSING_ATTRIBUTE);
        assertThat(violations(EventType.POOL_USAGE, missing)).isNotEmpty();

        ObjectNode blank = encodedSample(EventType.POOL_USAGE);
        blank.put("specversion", " ");
        assertThat(decodeError(blank).reason()).isEqualTo(Reason.MISSING_ATTRIBUTE);
        assertThat(violations(EventType.POOL_USAGE, blank)).isNotEmpty();
    }

    @Test
    void emptyValueIsRejectedAsEmpty() {
        assertThat(decodeError(new byte[0]).reason()).isEqualTo(Reason.EMPTY);
        assertThat(decodeError((byte[]) null).reason()).isEqualTo(Reason.EMPTY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "source", "type", "time", "data"})
    void missingAttributeFailsTheSchemaAndTheCodec(String attribute) {
        ObjectNode event = encodedSample(EventType.JOB_SUCCEEDED);
        event.remove(attribute);
        assertThat(violations(EventType.JOB_SUCCEEDED, event)).isNotEmpty();
        assertThat(decodeError(event).reason()).isIn(Reason.MISSING_ATTRIBUTE, Reason.UNKNOWN_TYPE);
    }

    @Test
    void timeThatIsNotRfc3339FailsTheSchemaAndTheCodec() {
        ObjectNode event = encodedSample(EventType.JOB_SUCCEEDED);
        event.put("time", "26/11/2025 07:00");
        assertThat(violations(EventType.JOB_SUCCEEDED, event)).isNotEmpty();
        assertThat(decodeError(event).reason()).isEqualTo(Reason.MISSING_ATTRIBUTE);

        ObjectNode data = encodedSample(EventType.JOB_SUCCEEDED);
        ((ObjectNode) data.get("data")).put("syncPoint", "yesterday");
        assertThat(violations(EventType.JOB_SUCCEEDED, data)).isNotEmpty();
        assertThat(decodeError(data).reason()).isEqualTo(Reason.INVALID_DATA);
    }

    // ---- state values ---------------------------------------------------------------------

    @Test
    void jobStatusIsValidAndRoundTrips() throws IOException {
        JsonNode json = EventCodec.mapper().valueToTree(SampleEvents.jobStatus());
        assertThat(violations(JOB_STATUS_SCHEMA, json)).isEmpty();
        assertThat(EventCodec.mapper().treeToValue(json, JobStatus.class)).isEqualTo(SampleEvents.jobStatus());

        ObjectNode unknownYet = EventCodec.mapper()
                .valueToTree(new JobStatus(
                        "lab/101-0",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        0,
                        null,
                        null,
                        null,
                        null,
                        0,
                        null,
                        null,
                        null,
                        null,
                        null));
        assertThat(violations(JOB_STATUS_SCHEMA, unknownYet)).isEmpty();
        unknownYet.remove("job");
        assertThat(violations(JOB_STATUS_SCHEMA, unknownYet)).isNotEmpty();
    }

    @Test
    void poolStatusIsValidAndRoundTrips() throws IOException {
        ObjectNode json = EventCodec.mapper().valueToTree(SampleEvents.poolStatus());
        assertThat(violations(POOL_STATUS_SCHEMA, json)).isEmpty();
        assertThat(EventCodec.mapper().treeToValue(json, PoolStatus.class)).isEqualTo(SampleEvents.poolStatus());
        json.put("pool", "lab/pve2");
        assertThat(violations(POOL_STATUS_SCHEMA, json)).isNotEmpty();
    }

    // ---- code, schema files and README agree ----------------------------------------------

    @Test
    void everyTypeHasASchemaAndEverySchemaBelongsToATypeOrState() {
        Set<String> expected = new TreeSet<>(NON_EVENT_SCHEMAS);
        for (EventType type : EventType.values()) {
            assertThat(EventSchemaTest.class.getResource(type.schemaResource()))
                    .as(type.schemaResource())
                    .isNotNull();
            expected.add(fileOf(type));
        }
        assertThat(schemaFiles()).isEqualTo(expected);
    }

    @Test
    void everySchemaIsAValidDraft202012SchemaWithItsOwnId() {
        Schema metaSchema = REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        for (String file : schemaFiles()) {
            String text = resourceText("/schemas/" + file);
            assertThat(metaSchema.validate(text, InputFormat.JSON)).as(file).isEmpty();
            JsonNode schema = json(text.getBytes(StandardCharsets.UTF_8));
            assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.get("$id").asText()).isEqualTo(ID_PREFIX + file);
        }
    }

    @Test
    void readmeNamesEveryTypeAndEveryField() {
        String readme = readme();
        for (EventType type : EventType.values()) {
            assertThat(readme).as("README section of %s", type.wireName()).contains("### `" + type.wireName() + "`");
            for (String field : componentNames(type.dataClass())) {
                assertThat(readme).as("%s field %s", type.wireName(), field).contains("`" + field + "`");
            }
        }
        for (String file : schemaFiles()) {
            assertThat(readme).as("README mentions schema %s", file).contains(file);
        }
    }

    @Test
    void readmeExamplesAreWhatTheCodecWrites() {
        List<JsonNode> examples = readmeJsonBlocks();
        for (Envelope sample : SampleEvents.all()) {
            assertThat(examples)
                    .as("README example of %s", sample.type().wireName())
                    .contains(json(EventCodec.encode(sample)));
        }
        assertThat(examples).as("README example of a job status").contains(json(stateBytes(SampleEvents.jobStatus())));
        assertThat(examples)
                .as("README example of a pool status")
                .contains(json(stateBytes(SampleEvents.poolStatus())));
        for (JsonNode example : examples) {
            if (example.has("specversion")) {
                EventType type =
                        EventType.fromWireName(example.get("type").asText()).orElseThrow();
                assertThat(violations(type, example))
                        .as("README example of %s", type.wireName())
                        .isEmpty();
            }
        }
    }

    // ---- helpers --------------------------------------------------------------------------

    static String fileOf(EventType type) {
        return type.schemaResource().substring("/schemas/".length());
    }

    static List<String> violations(EventType type, JsonNode event) {
        return violations(fileOf(type), event);
    }

    static List<String> violations(String schemaFile, JsonNode value) {
        Schema schema = REGISTRY.getSchema(SchemaLocation.of(ID_PREFIX + schemaFile));
        return schema.validate(value.toString(), InputFormat.JSON).stream()
                .map(Object::toString)
                .toList();
    }

    private static ObjectNode encodedSample(EventType type) {
        return EventCodec.toTree(SampleEvents.of(type));
    }

    private static Envelope decode(JsonNode event) {
        try {
            return EventCodec.decode(bytes(event));
        } catch (MalformedEventException e) {
            throw new AssertionError("expected to decode: " + e.getMessage(), e);
        }
    }

    private static MalformedEventException decodeError(JsonNode event) {
        return decodeError(bytes(event));
    }

    private static MalformedEventException decodeError(byte[] value) {
        return catchThrowableOfType(MalformedEventException.class, () -> EventCodec.decode(value));
    }

    private static byte[] stateBytes(Object status) {
        try {
            return EventCodec.mapper().writeValueAsBytes(status);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return EventCodec.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode schemaJson(String file) {
        return json(resourceText("/schemas/" + file).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code /data/snapshots/0} in an event -> {@code /properties/data/properties/snapshots/items} in its schema. */
    private static String schemaPointer(String eventPointer) {
        StringBuilder pointer = new StringBuilder();
        for (String token : eventPointer.substring(1).split("/")) {
            pointer.append(token.chars().allMatch(Character::isDigit) ? "/items" : "/properties/" + token);
        }
        return pointer.toString();
    }

    private static Set<String> componentNames(Class<?> recordClass) {
        return Arrays.stream(recordClass.getRecordComponents())
                .map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Class<?> componentType(Class<?> recordClass, String name) {
        return Arrays.stream(recordClass.getRecordComponents())
                .filter(component -> component.getName().equals(name))
                .findFirst()
                .orElseThrow()
                .getType();
    }

    /** Field names of an object node, or the texts of an array node. */
    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        if (node.isArray()) {
            node.forEach(element -> names.add(element.asText()));
        } else {
            Iterator<String> it = node.fieldNames();
            it.forEachRemaining(names::add);
        }
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }

    private static Set<String> schemaFiles() {
        try (Stream<Path> files =
                Files.list(Path.of(EventSchemaTest.class.getResource("/schemas").toURI()))) {
            return files.map(path -> path.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resourceText(String resource) {
        try (InputStream in = EventSchemaTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readme() {
        Path module = Path.of(System.getProperty("basedir", "."));
        Path readme = module.resolve("README.md");
        if (!Files.exists(readme)) {
            readme = module.resolve("events").resolve("README.md");
        }
        try {
            return Files.readString(readme);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> readmeJsonBlocks() {
        Matcher block = Pattern.compile("```json\\n(.*?)\\n```", Pattern.DOTALL).matcher(readme());
        List<JsonNode> blocks = new ArrayList<>();
        while (block.find()) {
            blocks.add(json(block.group(1).getBytes(StandardCharsets.UTF_8)));
        }
        return blocks;
    }
}
