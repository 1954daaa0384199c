package io.zsentinel.events;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.AnnotationIntrospector;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializer;
import com.fasterxml.jackson.databind.ser.DefaultSerializerProvider;
import com.fasterxml.jackson.databind.ser.PropertyWriter;
import com.fasterxml.jackson.databind.ser.std.EnumSerializer;
import com.fasterxml.jackson.databind.util.NameTransformer;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fast path of {@link EventCodec#encode}: one {@link JsonGenerator} writes the attributes,
 * then {@code data}'s own fields straight from the record's bean serializer, then the ECS fields.
 * The tree encoder ({@link EventCodec#encodeTree}) serializes the record into a token buffer,
 * reads that into a JsonNode tree, adds the ECS objects and the attributes as more nodes and only
 * then writes; that costs about twice the CPU and 2.7 times the garbage for the same bytes
 * ({@code bench.EncodeBench}). The {@code time} attribute is written by {@link InstantText}.
 *
 * <p>The bytes must be the tree encoder's, exactly. A tree holds what the record's serializer
 * wrote and writes it back token for token, with two exceptions this pass cannot follow: a
 * property named {@code event}, {@code host} or {@code ecs} (the tree replaces it where it
 * stands, with the ECS object), and values a tree re-renders (a {@code BigDecimal}, a number the
 * serializer writes as text, a raw value, anything a custom serializer writes). So a data class
 * takes this pass only when {@link #fieldsSerializer} proves, once per class, that none of that
 * can happen: its serializer is a plain {@link BeanSerializer} and every property, down through
 * nested records, lists and maps, holds only strings, booleans, ints, longs, doubles, instants or
 * enums. Any other class keeps the tree. {@code StreamingEncoderTest} holds the two to agree.
 */
final class StreamingEncoder {
    private static final ObjectMapper MAPPER = EventCodec.mapper();
    /** The ECS objects {@link EventCodec#toTree} adds into {@code data}. */
    private static final Set<String> ECS_FIELDS = Set.of("event", "host", "ecs");
    /** Per type: {@code data}'s fields without braces, or none where the tree must encode. */
    private static final Map<EventType, JsonSerializer<Object>> FIELDS = new EnumMap<>(EventType.class);
    /** Per type: the {@code data.event} values the type decides, pre-encoded. */
    private static final Map<EventType, Ecs> ECS = new EnumMap<>(EventType.class);

    private static final SerializableString SPECVERSION = name("specversion");
    private static final SerializableString SPEC_VERSION = name(Envelope.SPEC_VERSION);
    private static final SerializableString ID = name("id");
    private static final SerializableString SOURCE = name("source");
    private static final SerializableString TYPE = name("type");
    private static final SerializableString TIME = name("time");
    private static final SerializableString SUBJECT = name("subject");
    private static final SerializableString DATACONTENTTYPE = name("datacontenttype");
    private static final SerializableString APPLICATION_JSON = name("application/json");
    private static final SerializableString DATA = name("data");
    private static final SerializableString EVENT = name("event");
    private static final SerializableString KIND = name("kind");
    private static final SerializableString CATEGORY = name("category");
    private static final SerializableString OUTCOME = name("outcome");
    private static final SerializableString ACTION = name("action");
    private static final SerializableString DATASET = name("dataset");
    private static final SerializableString ZSENTINEL_EVENTS = name("zsentinel.events");
    private static final SerializableString HOST = name("host");
    private static final SerializableString NAME = name("name");
    private static final SerializableString ECS_NAME = name("ecs");
    private static final SerializableString VERSION = name("version");
    private static final SerializableString ECS_VERSION = name(EventCodec.ECS_VERSION);

    static {
        boolean mapperWritesTreesAsIs = mapperWritesTreesAsIs(MAPPER.getSerializationConfig());
        for (EventType type : EventType.values()) {
            JsonSerializer<Object> fields = mapperWritesTreesAsIs ? fieldsSerializer(type.dataClass()) : null;
            if (fields != null) {
                FIELDS.put(type, fields);
            }
            ECS.put(type, Ecs.of(type));
        }
    }

    private StreamingEncoder() {}

    /** Whether {@code type} takes this pass (else {@link #tryEncode} returns null for it). */
    static boolean streams(EventType type) {
        return FIELDS.containsKey(type);
    }

    /** The event's bytes, or null when the tree encoder must write this type. */
    static byte[] tryEncode(Envelope event) throws IOException {
        JsonSerializer<Object> fields = FIELDS.get(event.type());
        if (fields == null) {
            return null;
        }
        // as ObjectMapper.writeValueAsBytes does: buffers from the factory's pool
        BufferRecycler recycler = MAPPER.getFactory()._getBufferRecycler();
        try (ByteArrayBuilder out = new ByteArrayBuilder(recycler)) {
            try (JsonGenerator g = MAPPER.createGenerator(out, JsonEncoding.UTF8)) {
                write(g, event, fields);
            }
            byte[] bytes = out.toByteArray();
            out.release();
            return bytes;
        } finally {
            recycler.releaseToPool();
        }
    }

    /** {@link EventCodec#toTree}, written as it goes. */
    private static void write(JsonGenerator g, Envelope event, JsonSerializer<Object> fields) throws IOException {
        g.writeStartObject();
        g.writeFieldName(SPECVERSION);
        g.writeString(SPEC_VERSION);
        g.writeFieldName(ID);
        g.writeString(event.id());
        g.writeFieldName(SOURCE);
        g.writeString(event.source());
        Ecs ecs = ECS.get(event.type());
        g.writeFieldName(TYPE);
        g.writeString(ecs.action);
        g.writeFieldName(TIME);
        g.writeString(InstantText.of(event.time()));
        if (event.subject() != null) {
            g.writeFieldName(SUBJECT);
            g.writeString(event.subject());
        }
        g.writeFieldName(DATACONTENTTYPE);
        g.writeString(APPLICATION_JSON);
        g.writeFieldName(DATA);
        g.writeStartObject();
        // the root-value call valueToTree makes, with a serializer that leaves out the braces
        DefaultSerializerProvider provider = (DefaultSerializerProvider) MAPPER.getSerializerProviderInstance();
        provider.serializeValue(g, event.data(), null, fields);
        writeEcs(g, event, ecs);
        g.writeEndObject();
        g.writeEndObject();
    }

    /** What {@code EventCodec.dataTree} adds after the record's fields, in its order. */
    private static void writeEcs(JsonGenerator g, Envelope event, Ecs ecs) throws IOException {
        g.writeFieldName(EVENT);
        g.writeStartObject();
        g.writeFieldName(KIND);
        g.writeString(ecs.kind);
        g.writeFieldName(CATEGORY);
        writeArray(g, ecs.category);
        g.writeFieldName(TYPE);
        writeArray(g, ecs.type);
        String outcome = event.data().outcome();
        if (outcome != null) {
            g.writeFieldName(OUTCOME);
            g.writeString(outcome);
        } else if (ecs.outcome != null) {
            g.writeFieldName(OUTCOME);
            g.writeString(ecs.outcome);
        }
        g.writeFieldName(ACTION);
        g.writeString(ecs.action);
        g.writeFieldName(DATASET);
        g.writeString(ZSENTINEL_EVENTS);
        g.writeEndObject();
        String hostName = event.data().hostName();
        if (hostName != null) {
            g.writeFieldName(HOST);
            g.writeStartObject();
            g.writeFieldName(NAME);
            g.writeString(hostName);
            g.writeEndObject();
        }
        g.writeFieldName(ECS_NAME);
        g.writeStartObject();
        g.writeFieldName(VERSION);
        g.writeString(ECS_VERSION);
        g.writeEndObject();
    }

    private static void writeArray(JsonGenerator g, SerializableString[] values) throws IOException {
        g.writeStartArray();
        for (SerializableString value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }

    // ---- which data classes may take this pass: decided once per class --------------------

    /**
     * The tree encoder writes a JsonNode tree back as it holds it only with the mapper's defaults
     * for trees: null properties and empty arrays kept, properties in insertion order, and
     * floats read into the tree as doubles; and valueToTree wraps no root name.
     */
    static boolean mapperWritesTreesAsIs(SerializationConfig config) {
        return config.isEnabled(JsonNodeFeature.WRITE_NULL_PROPERTIES)
                && !config.isEnabled(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
                && config.isEnabled(SerializationFeature.WRITE_EMPTY_JSON_ARRAYS)
                && !config.isEnabled(SerializationFeature.WRAP_ROOT_VALUE)
                && config.getFullRootName() == null
                && !MAPPER.isEnabled(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                && MAPPER.mixInCount() == 0;
    }

    /**
     * The serializer of {@code dataClass}'s fields without the braces around them, or null when
     * this pass cannot be shown to write what the tree encoder writes for it.
     */
    static JsonSerializer<Object> fieldsSerializer(Class<?> dataClass) {
        try {
            SerializerProvider provider = MAPPER.getSerializerProviderInstance();
            JsonSerializer<Object> serializer = provider.findTypedValueSerializer(dataClass, true, null);
            if (!treeFaithfulBean(provider, MAPPER.constructType(dataClass), serializer, new HashSet<>())) {
                return null;
            }
            for (Iterator<PropertyWriter> it = serializer.properties(); it.hasNext(); ) {
                if (ECS_FIELDS.contains(it.next().getName())) {
                    return null; // putObject replaces it in place: only the tree does that
                }
            }
            JsonSerializer<Object> fields = serializer.unwrappingSerializer(NameTransformer.NOP);
            return fields != serializer && fields.isUnwrappingSerializer() ? fields : null;
        } catch (JsonMappingException | RuntimeException e) {
            return null; // not even serializable: the tree encoder reports it
        }
    }

    /** A plain bean (record) whose properties all hold {@link #treeFaithful} values. */
    private static boolean treeFaithfulBean(
            SerializerProvider provider, JavaType type, JsonSerializer<Object> serializer, Set<JavaType> visiting)
            throws JsonMappingException {
        if (serializer == null || serializer.getClass() != BeanSerializer.class) {
            return false; // also a TypeWrappedSerializer (polymorphic type id), a custom serializer, ...
        }
        if (!visiting.add(type)) {
            return true; // a cycle: this type is being checked further up
        }
        SerializationConfig config = provider.getConfig();
        BeanDescription description = config.introspect(type);
        AnnotationIntrospector introspector = config.getAnnotationIntrospector();
        if (description.findAnyGetter() != null || description.getObjectIdInfo() != null
                || introspector.findFilterId(description.getClassInfo()) != null
                || description.findJsonValueAccessor() != null) {
            return false;
        }
        for (Iterator<PropertyWriter> it = serializer.properties(); it.hasNext(); ) {
            PropertyWriter property = it.next();
            if (!(property instanceof BeanPropertyWriter writer) || writer.getClass() != BeanPropertyWriter.class
                    || writer.isUnwrapping() || writer.getTypeSerializer() != null) {
                return false; // a virtual, filtered, unwrapped or typed property
            }
            AnnotatedMember member = writer.getMember();
            if (member == null || member.hasAnnotation(JsonRawValue.class)
                    || introspector.findSerializer(member) != null
                    || introspector.findContentSerializer(member) != null
                    || introspector.findKeySerializer(member) != null
                    || introspector.findNullSerializer(member) != null
                    || introspector.findSerializationConverter(member) != null
                    || introspector.findSerializationContentConverter(member) != null
                    || introspector.findFormat(member) != null && introspector.findFormat(member).hasShape()) {
                return false;
            }
            if (!treeFaithful(provider, writer.getType(), visiting)) {
                return false;
            }
        }
        return true;
    }

    /** A value the tree holds as what the serializer wrote, and writes back alike. */
    private static boolean treeFaithful(SerializerProvider provider, JavaType type, Set<JavaType> visiting)
            throws JsonMappingException {
        Class<?> raw = type.getRawClass();
        if (raw == String.class || raw == Instant.class
                || raw == boolean.class || raw == Boolean.class || raw == int.class || raw == Integer.class
                || raw == long.class || raw == Long.class || raw == double.class || raw == Double.class) {
            return standard(provider, type);
        }
        if (type.isEnumType()) {
            return provider.findValueSerializer(type).getClass() == EnumSerializer.class;
        }
        if (type.isCollectionLikeType() && Collection.class.isAssignableFrom(raw)) {
            return standard(provider, type) && treeFaithful(provider, type.getContentType(), visiting);
        }
        if (type.isMapLikeType() && Map.class.isAssignableFrom(raw)) {
            return type.getKeyType().getRawClass() == String.class
                    && standard(provider, type) && treeFaithful(provider, type.getContentType(), visiting);
        }
        if (raw.isRecord()) {
            return treeFaithfulBean(provider, type, provider.findTypedValueSerializer(type, true, null), visiting);
        }
        return false; // Object, BigDecimal, float, byte[], Optional, ...: not shown to be written alike
    }

    /** Jackson's own serializer for the type (no custom one registered by a module or annotation). */
    private static boolean standard(SerializerProvider provider, JavaType type) throws JsonMappingException {
        JsonSerializer<Object> serializer = provider.findValueSerializer(type);
        String name = serializer.getClass().getName();
        return name.startsWith("com.fasterxml.jackson.databind.ser.")
                || name.startsWith("com.fasterxml.jackson.datatype.jsr310.ser.InstantSerializer");
    }

    private static SerializableString name(String text) {
        return new SerializedString(text);
    }

    /** The ECS classification of a type as the generator writes it. */
    private record Ecs(SerializableString kind, SerializableString[] category, SerializableString[] type,
            SerializableString outcome, SerializableString action) {
        static Ecs of(EventType eventType) {
            EventType.Ecs ecs = eventType.ecs();
            return new Ecs(name(ecs.kind()), names(ecs.category()), names(ecs.type()),
                    ecs.outcome() == null ? null : name(ecs.outcome()), name(eventType.wireName()));
        }

        private static SerializableString[] names(List<String> values) {
            return values.stream().map(StreamingEncoder::name).toArray(SerializableString[]::new);
        }
    }
}
