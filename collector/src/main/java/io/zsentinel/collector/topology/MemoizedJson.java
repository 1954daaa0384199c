package io.zsentinel.collector.topology;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;

/**
 * Writes an immutable part of a job's state once and then reuses the text: the state is stored
 * again at every commit that changed the job, while its inventories and finding episodes rarely
 * change, and they are most of its JSON. The parts keep their text themselves ({@link Memo}), so it
 * lives exactly as long as they do. The text is what {@code plain} (the same mapper without this
 * serializer) writes.
 */
final class MemoizedJson<T> extends StdSerializer<T> {
    /** How a type keeps its text: {@code json(value, write)} returns the kept text or keeps {@code write(value)}. */
    interface Memo<T> {
        Object json(T value, Function<T, Object> write);
    }

    private final ObjectMapper plain;
    private final Memo<T> memo;

    MemoizedJson(Class<T> type, Memo<T> memo, ObjectMapper plain) {
        super(type);
        this.memo = memo;
        this.plain = plain;
    }

    @Override
    public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeRawValue((SerializableString) memo.json(value, this::write));
    }

    private SerializableString write(T value) {
        try {
            return new SerializedString(plain.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
