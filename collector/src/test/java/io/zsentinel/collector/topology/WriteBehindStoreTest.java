package io.zsentinel.collector.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write-behind contract, on Kafka Streams' own test driver (which commits after every input
 * record, as a real task commits on its interval): values reach RocksDB and the changelog when a
 * commit prepares, once per key however often they changed, and queries see only committed JSON.
 * This also guards the internal hook ({@code CachedStateStore.flushCache}) against Kafka upgrades.
 */
class WriteBehindStoreTest {
    record Counter(String name, int n) {}

    static final String STORE = "counters";
    static final String CHANGELOG = "app-" + STORE + "-changelog";

    @TempDir
    Path stateDir;

    final AtomicReference<WriteBehindStore<Counter>> store = new AtomicReference<>();
    TopologyTestDriver driver;
    TestInputTopic<String, String> in;
    TestOutputTopic<String, String> changelog;

    @BeforeEach
    void start() {
        Topology t = new Topology();
        t.addSource("in", new StringDeserializer(), new StringDeserializer(), "in");
        t.addProcessor(
                "count",
                () -> new Processor<String, String, Void, Void>() {
                    WriteBehindStore<Counter> counters;

                    @Override
                    public void init(org.apache.kafka.streams.processor.api.ProcessorContext<Void, Void> context) {
                        counters = context.getStateStore(STORE);
                        store.set(counters);
                    }

                    @Override
                    public void process(Record<String, String> record) {
                        // the value says how many times to count: several changes of one key before a commit
                        for (int i = 0; i < Integer.parseInt(record.value()); i++) {
                            Counter c = counters.value(record.key());
                            counters.put(record.key(), new Counter(record.key(), c == null ? 1 : c.n() + 1));
                        }
                    }
                },
                "in");
        t.addStateStore(
                WriteBehindStore.builder(
                        Stores.keyValueStoreBuilder(
                                        Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.ByteArray())
                                .withCachingDisabled()
                                .withLoggingEnabled(java.util.Map.of()),
                        Counter.class,
                        2),
                "count");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(t, props);
        in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
        changelog = driver.createOutputTopic(CHANGELOG, new StringDeserializer(), new StringDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aKeyChangedManyTimesBeforeACommitIsWrittenOnceWithItsLastValue() {
        in.pipeInput("a", "3");
        assertThat(changelog.readKeyValuesToList())
                .extracting(kv -> kv.key + "=" + kv.value)
                .containsExactly("a={\"name\":\"a\",\"n\":3}");
        assertThat(json("a")).isEqualTo("{\"name\":\"a\",\"n\":3}");

        in.pipeInput("a", "2");
        in.pipeInput("b", "1");
        assertThat(changelog.readKeyValuesToList())
                .extracting(kv -> kv.key + "=" + kv.value)
                .containsExactly("a={\"name\":\"a\",\"n\":5}", "b={\"name\":\"b\",\"n\":1}");
    }

    @Test
    void queriesSeeTheLastCommitWhileTheStreamThreadSeesItsOwnChanges() {
        in.pipeInput("a", "1");
        WriteBehindStore<Counter> s = store.get();
        s.put("a", new Counter("a", 7));
        assertThat(s.value("a")).isEqualTo(new Counter("a", 7));
        assertThat(json("a")).as("not committed yet").isEqualTo("{\"name\":\"a\",\"n\":1}");
        assertThat(s.unflushed()).isEqualTo(1);

        in.pipeInput("b", "1");
        assertThat(json("a")).isEqualTo("{\"name\":\"a\",\"n\":7}");
        assertThat(s.unflushed()).isZero();
    }

    @Test
    void valuesSurviveTheLruWhileUnflushedAndAreReadBackAfterIt() {
        WriteBehindStore<Counter> s = store.get();
        // the LRU holds 2 entries: a is dropped from it before the commit, and must not be lost
        for (String key : List.of("a", "b", "c", "d")) {
            s.put(key, new Counter(key, 1));
        }
        assertThat(s.value("a")).isEqualTo(new Counter("a", 1));
        in.pipeInput("e", "1");
        assertThat(changelog.readKeyValuesToList())
                .extracting(kv -> kv.key)
                .containsExactlyInAnyOrder("a", "b", "c", "d", "e");
        assertThat(s.value("a")).as("read back from RocksDB").isEqualTo(new Counter("a", 1));
        assertThat(s.value("nothing")).isNull();
    }

    @Test
    void anEncodedValueIsStoredWithTheBytesHandedOut() {
        WriteBehindStore<Counter> s = store.get();
        byte[] bytes = s.putEncoded("x", new Counter("x", 9));
        in.pipeInput("y", "1");
        assertThat(s.get("x")).isEqualTo(bytes);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"name\":\"x\",\"n\":9}");
    }

    private String json(String key) {
        byte[] bytes = store.get().get(key);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
