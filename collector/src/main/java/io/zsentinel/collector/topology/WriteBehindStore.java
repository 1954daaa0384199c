package io.zsentinel.collector.topology;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A state store of decoded values, written behind to a RocksDB store with a changelog that holds
 * their JSON ({@link JsonSerde}).
 *
 * <p>Why: a job changes with nearly every event, and encoding its state to JSON and writing it to
 * RocksDB and the changelog on every event was most of the collector's cost. Here the stream
 * thread reads and changes decoded values in a bounded LRU (a hash lookup instead of a RocksDB
 * read and a JSON parse), and a changed value is encoded and written once per commit, however
 * many events changed it.
 *
 * <p>Exactly-once: Kafka Streams calls {@link #flushCache} while it prepares every commit
 * (interval, requested, rebalance, close), before it flushes the producer and commits the
 * transaction; so every commit's changelog holds the state of exactly the events whose offsets it
 * commits, as with Kafka Streams' own record cache. That hook is {@link CachedStateStore}, an
 * interface of Kafka Streams' internals (its public one, {@link StateStore#commit}, runs after the
 * transaction): the restart tests of the topology fail if an upgrade changes it. A task that is
 * closed dirty (a failed transaction) loses its unflushed values with its state, which Kafka
 * Streams rebuilds from the changelog.
 *
 * <p>The stream thread uses the typed methods ({@link #value}, {@link #put}, {@link #putEncoded});
 * values are immutable and shared with the cache: a change is a new value, {@link #put} (an event that
 * fails puts nothing, so there is nothing to undo). Interactive queries (the HTTP API, other threads) see the
 * {@link ReadOnlyKeyValueStore} side: the JSON as of the last commit, read from RocksDB, never the
 * stream thread's objects.
 */
public final class WriteBehindStore<V>
        implements StateStore, CachedStateStore<String, V>, ReadOnlyKeyValueStore<String, byte[]> {
    private static final Object ABSENT = new Object();

    private final KeyValueStore<String, byte[]> inner;
    private final JsonSerde<V> json;
    private final int maxEntries;
    /** Decoded values (or ABSENT), least recently used first; may be dropped at any time. */
    private final Map<String, Object> cache;
    /** Changed since the last flush: key -> its value and, when already encoded, the JSON. Never dropped. */
    private final Map<String, Pending<V>> dirty = new HashMap<>();

    private record Pending<V>(V value, byte[] json) {}

    WriteBehindStore(KeyValueStore<String, byte[]> inner, Class<V> type, int maxEntries) {
        this.inner = inner;
        this.json = new JsonSerde<>(type);
        this.maxEntries = maxEntries;
        this.cache = new LinkedHashMap<>(Math.min(maxEntries, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
                return size() > WriteBehindStore.this.maxEntries;
            }
        };
    }

    /** The builder for {@link org.apache.kafka.streams.Topology#addStateStore}. */
    static <V> StoreBuilder<WriteBehindStore<V>> builder(
            StoreBuilder<KeyValueStore<String, byte[]>> inner, Class<V> type, int maxEntries) {
        return new Builder<>(inner, type, maxEntries);
    }

    // ---- the stream thread's side

    /** The current value of {@code key} (changed but not yet flushed included), or null. */
    @SuppressWarnings("unchecked")
    public V value(String key) {
        Object cached = cache.get(key);
        if (cached != null) {
            return cached == ABSENT ? null : (V) cached;
        }
        Pending<V> pending = dirty.get(key);
        V value = pending != null ? pending.value() : json.read(inner.get(key), inner.name());
        cache.put(key, value == null ? ABSENT : value);
        return value;
    }

    /** Records {@code value} as the new value of {@code key}; it is encoded at the next flush. */
    public void put(String key, V value) {
        dirty.put(key, new Pending<>(value, null));
        cache.put(key, value);
    }

    /**
     * Keeps a new value of {@code key} for the stream thread without logging it: the change reaches
     * RocksDB and the changelog with the key's next {@link #put}, and a restart, a rebalance or the LRU
     * dropping the value before that loses it. Only for what the stored state may
     * lag by (a running transfer's progress: {@code Transfer#loggedProgressMs}).
     */
    public void keepUnlogged(String key, V value) {
        cache.put(key, value);
    }

    /** Records an immutable {@code value} and returns its JSON, which the flush writes as is. */
    public byte[] putEncoded(String key, V value) {
        byte[] bytes = JsonSerde.bytes(value);
        dirty.put(key, new Pending<>(value, bytes));
        cache.put(key, value);
        return bytes;
    }

    /** Keys changed since the last flush. */
    public int unflushed() {
        return dirty.size();
    }

    @Override
    public void flushCache() {
        if (dirty.isEmpty()) {
            return;
        }
        for (Map.Entry<String, Pending<V>> e : dirty.entrySet()) {
            Pending<V> p = e.getValue();
            inner.put(e.getKey(), p.json() != null ? p.json() : JsonSerde.bytes(p.value()));
        }
        dirty.clear();
    }

    @Override
    public void clearCache() {
        dirty.clear();
        cache.clear();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<String, V> listener, boolean sendOldValues) {
        return false;
    }

    // ---- interactive queries: the JSON as of the last commit

    @Override
    public byte[] get(String key) {
        return inner.get(key);
    }

    @Override
    public KeyValueIterator<String, byte[]> range(String from, String to) {
        return inner.range(from, to);
    }

    @Override
    public KeyValueIterator<String, byte[]> all() {
        return inner.all();
    }

    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries();
    }

    // ---- the store's life, delegated to the RocksDB store (which registers this one for restores)

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        clearCache();
        inner.init(context, root);
    }

    @Override
    public void flush() {
        inner.flush();
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        inner.commit(changelogOffsets);
    }

    @Override
    public Long committedOffset(TopicPartition partition) {
        return inner.committedOffset(partition);
    }

    @Override
    public boolean managesOffsets() {
        return inner.managesOffsets();
    }

    @Override
    public long approximateNumUncommittedBytes() {
        return inner.approximateNumUncommittedBytes();
    }

    @Override
    public void close() {
        clearCache();
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return inner.query(query, positionBound, config);
    }

    @Override
    public Position getPosition() {
        return inner.getPosition();
    }

    private record Builder<V>(StoreBuilder<KeyValueStore<String, byte[]>> inner, Class<V> type, int maxEntries)
            implements StoreBuilder<WriteBehindStore<V>> {
        @Override
        public StoreBuilder<WriteBehindStore<V>> withCachingEnabled() {
            throw new UnsupportedOperationException("a write-behind store is its own cache");
        }

        @Override
        public StoreBuilder<WriteBehindStore<V>> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<WriteBehindStore<V>> withLoggingEnabled(Map<String, String> config) {
            inner.withLoggingEnabled(config);
            return this;
        }

        @Override
        public StoreBuilder<WriteBehindStore<V>> withLoggingDisabled() {
            inner.withLoggingDisabled();
            return this;
        }

        @Override
        public WriteBehindStore<V> build() {
            return new WriteBehindStore<>(inner.build(), type, maxEntries);
        }

        @Override
        public Map<String, String> logConfig() {
            return inner.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return inner.loggingEnabled();
        }

        @Override
        public String name() {
            return inner.name();
        }
    }
}
