package io.zsentinel.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.zsentinel.events.MalformedEventException.Reason;
import io.zsentinel.events.data.EventData;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * CloudEvents structured-mode JSON for {@link Envelope}. On write, {@code data} gets the ECS
 * fields a SIEM expects ({@code event.*}, {@code host.name}, {@code ecs.version}); on read,
 * unknown fields are ignored so that newer writers never break older readers.
 */
public final class EventCodec {
    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";
    public static final String ECS_VERSION = "8.11.0";

    private static final ObjectMapper MAPPER = configured(JsonMapper.builder());

    private static ObjectMapper configured(JsonMapper.Builder builder) {
        return builder.addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                // two events glued into one value must not decode as the first one
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // an enum constant added by a newer writer (e.g. an error class) reads as UNKNOWN
                .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
                // stable bytes for the same event in every JVM
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .build();
    }

    private EventCodec() {}

    /** The mapper every zsentinel JSON shares (ISO-8601 times, unknown fields ignored). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A new mapper with the settings of {@link #mapper()} on {@code factory} (its own parser and generator features). */
    public static ObjectMapper mapper(JsonFactory factory) {
        return configured(JsonMapper.builder(factory));
    }

    /**
     * The event as CloudEvents structured-mode JSON: {@link #toTree}, written out. (A single-pass
     * encoder that wrote the same bytes bought nothing measurable on the collector's throughput,
     * collector/design.md "Performance", and was removed.)
     */
    public static byte[] encode(Envelope event) {
        try {
            return MAPPER.writeValueAsBytes(toTree(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + event.type().wireName(), e);
        }
    }

    public static ObjectNode toTree(Envelope event) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("specversion", Envelope.SPEC_VERSION);
        root.put("id", event.id());
        root.put("source", event.source());
        root.put("type", event.type().wireName());
        root.put("time", event.time().toString());
        if (event.subject() != null) {
            root.put("subject", event.subject());
        }
        root.put("datacontenttype", "application/json");
        root.set("data", dataTree(event));
        return root;
    }

    private static ObjectNode dataTree(Envelope event) {
        ObjectNode data = MAPPER.valueToTree(event.data());
        EventType.Ecs ecs = event.type().ecs();
        ObjectNode ecsEvent = data.putObject("event");
        ecsEvent.put("kind", ecs.kind());
        ecs.category().forEach(ecsEvent.putArray("category")::add);
        ecs.type().forEach(ecsEvent.putArray("type")::add);
        String outcome = event.data().outcome() != null ? event.data().outcome() : ecs.outcome();
        if (outcome != null) {
            ecsEvent.put("outcome", outcome);
        }
        ecsEvent.put("action", event.type().wireName());
        ecsEvent.put("dataset", "zsentinel.events");
        if (event.data().hostName() != null) {
            data.putObject("host").put("name", event.data().hostName());
        }
        data.putObject("ecs").put("version", ECS_VERSION);
        return data;
    }

    /**
     * The event in {@code bytes}, or why it is not one. Decoding is a large part of a consumer's CPU,
     * so a valid event takes {@link StreamingDecoder}'s single pass; whatever that pass does not
     * accept goes through {@link #decodeTree}, which decides every error (reason and message).
     */
    public static Envelope decode(byte[] bytes) throws MalformedEventException {
        Envelope event = StreamingDecoder.tryDecode(bytes);
        return event != null ? event : decodeTree(bytes);
    }

    /** The reference decoder: the whole value as a JsonNode tree, checked, then {@code data} bound from it. */
    static Envelope decodeTree(byte[] bytes) throws MalformedEventException {
        if (bytes == null || bytes.length == 0) {
            throw new MalformedEventException(Reason.EMPTY, "the record has no value");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(Reason.MALFORMED_JSON, e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedEventException(Reason.MALFORMED_JSON, e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedEventException(Reason.MALFORMED_JSON, "the value is not a JSON object");
        }
        String specVersion = text(root, "specversion");
        if (!Envelope.SPEC_VERSION.equals(specVersion)) {
            throw new MalformedEventException(
                    Reason.UNSUPPORTED_SPEC_VERSION, "specversion '" + specVersion + "' is not 1.0");
        }
        String typeName = text(root, "type");
        EventType type = EventType.fromWireName(typeName)
                .orElseThrow(() -> new MalformedEventException(Reason.UNKNOWN_TYPE, "unknown type '" + typeName + "'"));
        Instant time;
        try {
            time = Instant.parse(text(root, "time"));
        } catch (DateTimeParseException e) {
            throw new MalformedEventException(Reason.MISSING_ATTRIBUTE, "time is not RFC 3339: " + e.getMessage(), e);
        }
        JsonNode dataNode = root.get("data");
        if (dataNode == null || !dataNode.isObject()) {
            throw new MalformedEventException(Reason.MISSING_ATTRIBUTE, "attribute 'data' is missing or not an object");
        }
        EventData data;
        try {
            data = MAPPER.treeToValue(dataNode, type.dataClass());
        } catch (IOException | IllegalArgumentException e) {
            throw new MalformedEventException(Reason.INVALID_DATA, typeName + ": " + rootCauseMessage(e), e);
        }
        JsonNode subject = root.get("subject");
        if (subject != null && !subject.isNull() && !subject.isTextual()) {
            throw new MalformedEventException(Reason.MISSING_ATTRIBUTE, "attribute 'subject' is not a string");
        }
        try {
            return new Envelope(
                    text(root, "id"),
                    text(root, "source"),
                    type,
                    time,
                    subject == null || subject.isNull() ? null : subject.asText(),
                    data);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(Reason.INVALID_DATA, e.getMessage(), e);
        }
    }

    private static String text(JsonNode root, String attribute) throws MalformedEventException {
        JsonNode node = root.get(attribute);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new MalformedEventException(Reason.MISSING_ATTRIBUTE, "attribute '" + attribute + "' is missing");
        }
        return node.asText();
    }

    private static String rootCauseMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
