package io.zsentinel.collector.topology;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A bounded LRU of decoded values in front of one of the processor's stores, which hold the
 * values' JSON ({@link JsonSerde}). Reading a job's state from the store costs a RocksDB lookup
 * and a JSON parse (tens of microseconds), on every event and again at every evaluation; from
 * here it costs a hash lookup. Absent keys are remembered too (a job's target pool is looked up
 * at every evaluation, known or not).
 *
 * <p>Write-through: {@link #put} encodes once, writes the store at once and hands the bytes back
 * (the state topic publishes the same bytes). The store and its changelog thus stay the source of
 * truth and every Kafka Streams commit, including those of a rebalance, covers exactly the
 * events processed so far. The values are mutable, so a caller that fails half-way through
 * changing one must {@link #evict} it: the next read then comes from the store again. Owned by
 * the stream thread; interactive queries read the store, never this cache.
 */
final class DecodedCache<V> {
    private static final Object ABSENT = new Object();

    private final KeyValueStore<String, byte[]> store;
    private final JsonSerde<V> json;
    private final Map<String, Object> values;

    DecodedCache(KeyValueStore<String, byte[]> store, Class<V> type, int maxEntries) {
        this.store = store;
        this.json = new JsonSerde<>(type);
        this.values = new LinkedHashMap<>(Math.min(maxEntries, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The value of {@code key}, or null when the store has none. */
    @SuppressWarnings("unchecked")
    V get(String key) {
        Object value = values.get(key);
        if (value == null) {
            V stored = json.read(store.get(key), store.name());
            values.put(key, stored == null ? ABSENT : stored);
            return stored;
        }
        return value == ABSENT ? null : (V) value;
    }

    /** Stores {@code value} and returns its JSON. */
    byte[] put(String key, V value) {
        byte[] bytes;
        try {
            bytes = JsonSerde.bytes(value);
            store.put(key, bytes);
        } catch (RuntimeException e) {
            values.remove(key);
            throw e;
        }
        values.put(key, value);
        return bytes;
    }

    /** Forgets {@code key} (its cached value may have been changed without being stored). */
    void evict(String key) {
        values.remove(key);
    }

    KeyValueStore<String, byte[]> store() {
        return store;
    }
}
