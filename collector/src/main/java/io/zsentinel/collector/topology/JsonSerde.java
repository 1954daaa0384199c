package io.zsentinel.collector.topology;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.zsentinel.collector.finding.Episode;
import io.zsentinel.collector.job.Inventory;
import io.zsentinel.events.EventCodec;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Plain JSON (the events module's mapper) for the state stores and the state topic. The stores
 * hold these bytes ({@code byte[]} values): the processor keeps them decoded in {@link WriteBehindStore}s
 * and the HTTP API reads them through {@link #read}; a status's one encoding serves both its store and
 * the state topic.
 */
public final class JsonSerde<T> implements Serde<T> {
    /**
     * The events module's mapper with a parser that does not canonicalize field names: a job's inventories are maps keyed by dataset name, so every job
     * brings names of its own, and Jackson's shared table of names was copied, grown to its limit,
     * dropped and grown again all the time (most of the 2.6 s that decoding 10,000 jobs took at a restart).
     */
    private static final ObjectMapper PLAIN = EventCodec.mapper(JsonFactory.builder()
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .build());
    /** ... and a job's inventories and episodes, immutable and rewritten with their job, encoded once each. */
    private static final ObjectMapper MAPPER = PLAIN.copy()
            .registerModule(new SimpleModule("zsentinel-collector-memo")
                    .addSerializer(Inventory.class, new MemoizedJson<>(Inventory.class, Inventory::json, PLAIN))
                    .addSerializer(Episode.class, new MemoizedJson<>(Episode.class, Episode::json, PLAIN)));

    private final Class<T> type;

    public JsonSerde(Class<T> type) {
        this.type = type;
    }

    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new SerializationException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : bytes(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, data) -> read(data, topic);
    }

    /** The value in {@code data} (null for null); {@code from} names the topic or store in errors. */
    public T read(byte[] data, String from) {
        if (data == null) {
            return null;
        }
        try {
            return MAPPER.readValue(data, type);
        } catch (IOException e) {
            throw new SerializationException("cannot read " + type.getSimpleName() + " from " + from, e);
        }
    }
}
