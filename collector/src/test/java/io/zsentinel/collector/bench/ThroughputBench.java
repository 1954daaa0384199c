package io.zsentinel.collector.bench;

import static io.zsentinel.collector.fixtures.Events.*;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zsentinel.broker.EmbeddedKafka;
import io.zsentinel.collector.CollectorConfig;
import io.zsentinel.collector.metrics.CollectorMetrics;
import io.zsentinel.collector.topology.CollectorTopology;
import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.kafka.EventRecords;
import io.zsentinel.events.kafka.TopicAdmin;
import io.zsentinel.events.kafka.Topics;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Events per second of the collector's topology (exactly-once v2, RocksDB stores, changelogs)
 * on the embedded broker, against a bare KafkaConsumer reading the same topic (raw, and decoding
 * every record as any reader must). Not a test. Run:
 * <pre>
 * ./mvnw -q -pl collector test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.zsentinel.collector.bench.ThroughputBench [-Dexec.args=200000]
 * </pre>
 */
public final class ThroughputBench {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int jobs = 10_000;
        try (EmbeddedKafka kafka = EmbeddedKafka.startTemporary()) {
            Topics topics = new Topics("bench" + System.nanoTime());
            TopicAdmin.ensure(kafka.bootstrapServers(), topics);
            produce(kafka, topics, n, jobs);
            System.out.printf("produced %d events over %d jobs (1 partition)%n", n, jobs);
            double raw = bareConsumer(kafka, topics, n, false);
            double decoded = bareConsumer(kafka, topics, n, true);
            double collector = topology(kafka, topics, n);
            System.out.printf("bare consumer, raw bytes:      %,10.0f events/s%n", raw);
            System.out.printf("bare consumer, decoding:       %,10.0f events/s%n", decoded);
            System.out.printf("collector topology (EOS v2):   %,10.0f events/s  = %.0f %% of raw, %.0f %% of decoding%n",
                    collector, 100 * collector / raw, 100 * collector / decoded);
        }
        System.exit(0);
    }

    static void produce(EmbeddedKafka kafka, Topics topics, int n, int jobs) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        Clock clock = Clock.systemUTC();
        long t = clock.instant().getEpochSecond() - 3600;
        String disk = "rpool/data/vm-disk-0";
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < n; i++) {
                String job = "bench/" + (100 + i % jobs) + "-0";
                int kind = (i / jobs) % 20;
                Envelope e = switch (kind) {
                    case 0 -> inventory(job, "source", disk, "a:1:" + t + ":10,b:2:" + (t + 60) + ":20,c:3:" + (t + 120) + ":30", clock);
                    case 1 -> inventory(job, "target", disk, "a:1:" + t + ",b:2:" + (t + 60), clock);
                    case 2 -> succeeded(job, Instant.ofEpochSecond(t + 60), "b", clock);
                    case 19 -> poolUsage("bench/pve" + (i % 10) + "/rpool", 1_000_000_000L, 500_000_000L - i, clock);
                    default -> progress(job, "r" + (i / jobs / 20), disk, 1000L * kind, clock);
                };
                producer.send(EventRecords.toRecord(topics.events(), e.subject(), e));
            }
            producer.flush();
        }
    }

    static double bareConsumer(EmbeddedKafka kafka, Topics topics, int n, boolean decode) throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bare-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topics.events()));
            long first = 0;
            int seen = 0;
            while (seen < n) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
                    if (seen++ == 0) {
                        first = System.nanoTime();
                    }
                    if (decode) {
                        EventCodec.decode(r.value());
                    }
                }
                c.commitSync();
            }
            return n / ((System.nanoTime() - first) / 1e9);
        }
    }

    static double topology(EmbeddedKafka kafka, Topics topics, int n) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CollectorConfig config = CollectorConfig.defaults().withApplicationId("bench-collector-" + System.nanoTime());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("bench-collector").toString());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        CollectorMetrics metrics = new CollectorMetrics(registry, Clock.systemUTC());
        io.zsentinel.collector.CollectorService.ensureOwnTopics(kafka.bootstrapServers(), topics, config);
        try (KafkaStreams streams = new KafkaStreams(
                CollectorTopology.build(config, topics, Clock.systemUTC(), metrics), props)) {
            streams.start();
            long first = 0;
            double processed = 0;
            while (processed < n) {
                processed = registry.find("zsentinel.collector.events").counters().stream()
                        .mapToDouble(c -> c.count()).sum();
                if (first == 0 && processed > 0) {
                    first = System.nanoTime();
                }
                Thread.sleep(10);
            }
            double rate = n / ((System.nanoTime() - first) / 1e9);
            streams.close(Duration.ofSeconds(30));
            return rate;
        }
    }
}
