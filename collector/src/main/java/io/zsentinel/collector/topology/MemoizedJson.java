package io.zsentinel.collector.topology;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.zsentinel.collector.job.Inventory;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes an inventory's JSON once and then reuses the text: a job's state is stored again on every
 * event while its inventories rarely change, and they are most of its JSON. Inventories are
 * immutable and keep their text themselves, so it lives exactly as long as they do. The text is
 * what {@code plain} (the same mapper without this serializer) writes.
 */
final class MemoizedJson extends StdSerializer<Inventory> {
    private final ObjectMapper plain;

    MemoizedJson(ObjectMapper plain) {
        super(Inventory.class);
        this.plain = plain;
    }

    @Override
    public void serialize(Inventory value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeRawValue((SerializableString) value.json(this::write));
    }

    private SerializableString write(Inventory value) {
        try {
            return new SerializedString(plain.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
