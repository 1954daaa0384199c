package io.zsentinel.collector.bench;

import static io.zsentinel.collector.fixtures.Events.*;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zsentinel.broker.EmbeddedKafka;
import io.zsentinel.collector.CollectorConfig;
import io.zsentinel.collector.CollectorService;
import io.zsentinel.collector.StreamsSettings;
import io.zsentinel.collector.metrics.CollectorMetrics;
import io.zsentinel.common.config.Durations;
import io.zsentinel.collector.topology.CollectorTopology;
import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.kafka.EventRecords;
import io.zsentinel.events.kafka.TopicAdmin;
import io.zsentinel.events.kafka.Topics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Events per second of the collector's topology (exactly-once v2, RocksDB stores, changelogs,
 * findings and state output) on the embedded broker, against a bare KafkaConsumer reading the
 * same topic (raw, and decoding every record as any reader must). Not a test.
 *
 * <p>Each reader consumes all {@code events}; only the part after the first {@code warm-up}
 * fraction is timed, so JIT compilation and group joins stay out of the figures. The collector
 * is timed until it has also evaluated (ticked) everything the last events changed, so its figure
 * includes the findings and statuses it publishes. Run:
 * <pre>
 * ./mvnw -q -pl collector test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.zsentinel.collector.bench.ThroughputBench [-Dexec.args="events jobs warm-up"]
 * </pre>
 * Defaults: 200000 events over 10000 jobs, warm-up 0.2. The last line is the summary.
 */
public final class ThroughputBench {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        double warmup = args.length > 2 ? Double.parseDouble(args[2]) : 0.2;
        int warm = (int) (n * warmup);
        try (EmbeddedKafka kafka = EmbeddedKafka.startTemporary()) {
            Topics topics = new Topics("bench" + System.nanoTime());
            TopicAdmin.ensure(kafka.bootstrapServers(), topics);
            produce(kafka, topics, n, jobs);
            System.out.printf("produced %,d events over %,d jobs (1 partition); timing after the first %,d%n", n, jobs, warm);
            double raw = bareConsumer(kafka, topics, n, warm, false);
            double decoded = bareConsumer(kafka, topics, n, warm, true);
            double collector = topology(kafka, topics, n, warm);
            System.out.printf("bare consumer, raw bytes:      %,10.0f events/s%n", raw);
            System.out.printf("bare consumer, decoding:       %,10.0f events/s%n", decoded);
            System.out.printf("collector topology (EOS v2):   %,10.0f events/s%n", collector);
            System.out.printf("SUMMARY collector %,.0f/s = %.0f %% of raw bare consumer (%,.0f/s), %.0f %% of decoding bare"
                    + " consumer (%,.0f/s); %,d events, %,d jobs%n", collector, 100 * collector / raw, raw,
                    100 * collector / decoded, decoded, n, jobs);
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

    static double bareConsumer(EmbeddedKafka kafka, Topics topics, int n, int warm, boolean decode) throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bare-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topics.events()));
            long start = 0;
            long startCpu = 0;
            int seen = 0;
            while (seen < n) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
                    if (seen++ == warm) {
                        start = System.nanoTime();
                        startCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                    }
                    if (decode) {
                        EventCodec.decode(r.value());
                    }
                }
                c.commitSync();
            }
            long elapsed = System.nanoTime() - start;
            long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - startCpu;
            System.out.printf("bare consumer (%s) on CPU %.0f %% of the timed %.1f s (%.1f us CPU per event)%n",
                    decode ? "decoding" : "raw", 100.0 * cpu / elapsed, elapsed / 1e9, cpu / 1e3 / (n - warm));
            return (n - warm) / (elapsed / 1e9);
        }
    }

    static double topology(EmbeddedKafka kafka, Topics topics, int n, int warm) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CollectorConfig config = CollectorConfig.defaults().withApplicationId("bench-collector-" + System.nanoTime());
        // -Dbench.progressRefresh=0s: every progress event judged at the next tick, as before that threshold
        String progressRefresh = System.getProperty("bench.progressRefresh");
        if (progressRefresh != null) {
            config = config.withThresholds(config.thresholds().withProgressRefresh(Durations.parse(progressRefresh)));
        }
        System.out.printf("progressRefresh %s%n", config.thresholds().progressRefresh());
        Properties props = StreamsSettings.of(config, kafka.bootstrapServers(), Files.createTempDirectory("bench-collector"));
        // experiments: -Dbench.streams.<property>=<value> overrides a Kafka Streams property
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("bench.streams.")) {
                props.put(k.toString().substring("bench.streams.".length()), v);
            }
        });
        CollectorMetrics metrics = new CollectorMetrics(registry, Clock.systemUTC());
        CollectorService.ensureOwnTopics(kafka.bootstrapServers(), topics, config);
        try (KafkaStreams streams = new KafkaStreams(
                CollectorTopology.build(config, topics, Clock.systemUTC(), metrics), props)) {
            streams.start();
            long start = 0;
            long startCpu = 0;
            double startCount = 0;
            double processed = 0;
            // done when every event is processed and the tick after the last one has evaluated what it changed
            while (processed < n || registry.get("zsentinel.collector.pending").gauge().value() > 0) {
                Thread.sleep(2);
                processed = registry.find("zsentinel.collector.events").counters().stream()
                        .mapToDouble(Counter::count).sum();
                if (start == 0 && processed >= warm) {
                    start = System.nanoTime();
                    startCpu = streamThreadCpuNanos();
                    startCount = processed;
                }
            }
            long elapsed = System.nanoTime() - start;
            double rate = (n - startCount) / (elapsed / 1e9);
            long cpu = streamThreadCpuNanos() - startCpu;
            System.out.printf("stream thread on CPU %.0f %% of the timed %.1f s (%.1f us CPU per event)%n",
                    100.0 * cpu / elapsed, elapsed / 1e9, cpu / 1e3 / (n - startCount));
            printThreadProfile(streams.metrics(), registry);
            streams.close(Duration.ofSeconds(30));
            return rate;
        }
    }

    private static long streamThreadCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("StreamThread")) {
                sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }

    /** Where the stream thread spent its time (Kafka Streams' own thread metrics) and the ticks. */
    private static void printThreadProfile(Map<MetricName, ? extends Metric> metrics, SimpleMeterRegistry registry) {
        StringBuilder line = new StringBuilder("stream thread:");
        for (String name : List.of("process-ratio", "punctuate-ratio", "commit-ratio", "poll-ratio",
                "commit-latency-avg", "punctuate-latency-avg", "commit-rate")) {
            metrics.forEach((k, v) -> {
                if (k.group().equals("stream-thread-metrics") && k.name().equals(name)) {
                    line.append(String.format(" %s %.3f", name, ((Number) v.metricValue()).doubleValue()));
                }
            });
        }
        var tick = registry.get("zsentinel.collector.tick").timer();
        line.append(String.format("; ticks %d, mean %.0f ms, max %.0f ms", tick.count(),
                tick.mean(java.util.concurrent.TimeUnit.MILLISECONDS), tick.max(java.util.concurrent.TimeUnit.MILLISECONDS)));
        System.out.println(line);
    }
}
