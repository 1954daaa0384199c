package io.zsentinel.collector.bench;

import static io.zsentinel.collector.fixtures.Events.*;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
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
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
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
 * <p>Each reader runs in a JVM of its own (a child of this one, which holds the broker) and reads
 * all {@code events} {@code bench.passes} times, each pass anew (a new consumer group; a new
 * collector with empty stores) and after a full GC; the figure is the median of the later half of
 * the passes. Within a pass only the part after the first {@code warm-up} fraction is timed, so
 * group joins stay out of it. Why (collector/design.md, "Performance"): with everything in one JVM
 * the C2 compiler took most of a core of the two while the collector was timed and the profiles of
 * the broker, the bare consumers and the collector mixed; in a reader's own JVM it still took half
 * a core in the third pass and settled from about the fifth; the previous pass's collector, left as
 * old-generation garbage, kept G1 marking through the timed part; and from pass to pass the
 * collector's figure moves by a third with the ticks that fall into the timed part. The collector
 * is timed until it has also evaluated (ticked) everything the last events changed, so its figure
 * includes the findings and statuses it publishes. Each reader prints where its process's CPU went in the timed part. Run:
 * <pre>
 * ./mvnw -q -pl collector test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.zsentinel.collector.bench.ThroughputBench [-Dexec.args="events jobs warm-up"]
 * </pre>
 * Defaults: 200000 events over 10000 jobs, warm-up 0.2, {@code -Dbench.passes=7},
 * {@code -Dbench.fork=true} (false: the readers in the broker's JVM, one after the other),
 * {@code -Dbench.readerHeap=1g}, {@code -Dbench.readers=raw,decoding,collector} (which to time),
 * {@code -Dbench.readerJvm=<one JVM option>} (e.g. a flight recording,
 * {@code %kind} replaced by the reader's kind), {@code -Dbench.progressRefresh=<duration>} and
 * {@code -Dbench.streams.<property>=<value>} for the collector. The last line is the summary.
 */
public final class ThroughputBench {
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(READER)) {
            readerMain(args);
            return;
        }
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        double warmup = args.length > 2 ? Double.parseDouble(args[2]) : 0.2;
        int warm = (int) (n * warmup);
        int passes = Integer.getInteger("bench.passes", 7);
        boolean fork = Boolean.parseBoolean(System.getProperty("bench.fork", "true"));
        try (EmbeddedKafka kafka = EmbeddedKafka.startTemporary()) {
            String prefix = "bench" + System.nanoTime();
            Topics topics = new Topics(prefix);
            TopicAdmin.ensure(kafka.bootstrapServers(), topics);
            produce(kafka, topics, n, jobs);
            System.out.printf("produced %,d events over %,d jobs (1 partition); timing after the first %,d; %d passes"
                    + " per reader, the figure is the median of the later half; readers %s%n", n, jobs, warm, passes,
                    fork ? "each in its own JVM" : "in the broker's JVM");
            double[] rates = new double[3];
            String[] kinds = {RAW, DECODING, COLLECTOR};
            // experiments: -Dbench.readers=collector times only the collector (the others print as NaN)
            List<String> readers =
                    List.of(System.getProperty("bench.readers", String.join(",", kinds)).split(","));
            for (int i = 0; i < kinds.length; i++) {
                String[] readerArgs = {READER, kinds[i], kafka.bootstrapServers(), prefix, "" + n, "" + warm, "" + passes};
                rates[i] = !readers.contains(kinds[i]) ? Double.NaN : fork ? fork(readerArgs) : read(readerArgs);
            }
            double raw = rates[0];
            double decoded = rates[1];
            double collector = rates[2];
            System.out.printf("bare consumer, raw bytes:      %,10.0f events/s%n", raw);
            System.out.printf("bare consumer, decoding:       %,10.0f events/s%n", decoded);
            System.out.printf("collector topology (EOS v2):   %,10.0f events/s%n", collector);
            System.out.printf("SUMMARY collector %,.0f/s = %.0f %% of raw bare consumer (%,.0f/s), %.0f %% of decoding bare"
                    + " consumer (%,.0f/s); %,d events, %,d jobs%n", collector, 100 * collector / raw, raw,
                    100 * collector / decoded, decoded, n, jobs);
        }
        System.exit(0);
    }

    private static final String READER = "--reader";
    private static final String RAW = "raw";
    private static final String DECODING = "decoding";
    private static final String COLLECTOR = "collector";
    private static final String RESULT = "RESULT ";

    /** A reader's passes over the topic; the median rate of the later half of them. */
    private static double read(String[] args) throws Exception {
        String kind = args[1];
        String bootstrap = args[2];
        Topics topics = new Topics(args[3]);
        int n = Integer.parseInt(args[4]);
        int warm = Integer.parseInt(args[5]);
        int passes = Integer.parseInt(args[6]);
        List<Double> settled = new ArrayList<>();
        for (int pass = 1; pass <= passes; pass++) {
            // the previous pass's reader (a whole collector: stores, caches, 50,000 meters) is garbage that a
            // collector running for good does not have; left in the old generation, it made G1 mark
            // concurrently through the timed part. Collected here, before the pass, as JMH's -gc does.
            System.gc();
            double rate = switch (kind) {
                case RAW -> bareConsumer(bootstrap, topics, n, warm, false);
                case DECODING -> bareConsumer(bootstrap, topics, n, warm, true);
                default -> topology(bootstrap, topics, n, warm);
            };
            boolean counted = pass > passes / 2;
            if (counted) {
                settled.add(rate);
            }
            System.out.printf("%s pass %d of %d: %,.0f events/s%s%n", kind, pass, passes, rate, counted ? "" : " (warm-up)");
        }
        settled.sort(null);
        int k = settled.size();
        return k % 2 == 1 ? settled.get(k / 2) : (settled.get(k / 2 - 1) + settled.get(k / 2)) / 2;
    }

    private static void readerMain(String[] args) throws Exception {
        System.out.println(RESULT + read(args));
        System.exit(0);
    }

    /** Runs {@link #read} in a new JVM with this one's class path (exec:java's, when run by Maven). */
    private static double fork(String[] args) throws Exception {
        String classPath = System.getProperty("java.class.path");
        if (Thread.currentThread().getContextClassLoader() instanceof URLClassLoader loader
                && loader.getURLs().length > 0) {
            StringBuilder cp = new StringBuilder();
            for (URL url : loader.getURLs()) {
                cp.append(cp.length() == 0 ? "" : File.pathSeparator).append(Path.of(url.toURI()));
            }
            classPath = cp.toString();
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + System.getProperty("bench.readerHeap", "1g")));
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("bench.")) {
                command.add("-D" + k + "=" + v);
            }
        });
        // e.g. -Dbench.readerJvm=-XX:StartFlightRecording=filename=/tmp/reader.jfr,settings=profile (one JVM option)
        String extra = System.getProperty("bench.readerJvm");
        if (extra != null && !extra.isBlank()) {
            command.add(extra.replace("%kind", args[1]));
        }
        command.addAll(List.of("-cp", classPath, ThroughputBench.class.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        double result = Double.NaN;
        try (var out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(RESULT)) {
                    result = Double.parseDouble(line.substring(RESULT.length()));
                } else {
                    System.out.println("  " + line);
                }
            }
        }
        if (child.waitFor() != 0 || Double.isNaN(result)) {
            throw new IllegalStateException("the " + args[1] + " reader failed (exit " + child.exitValue() + ")");
        }
        return result;
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

    static double bareConsumer(String bootstrap, Topics topics, int n, int warm, boolean decode) throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
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

    static double topology(String bootstrap, Topics topics, int n, int warm) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CollectorConfig config = CollectorConfig.defaults().withApplicationId("bench-collector-" + System.nanoTime());
        // -Dbench.progressRefresh=0s: every progress event judged at the next tick, as before that threshold
        String progressRefresh = System.getProperty("bench.progressRefresh");
        if (progressRefresh != null) {
            config = config.withThresholds(config.thresholds().withProgressRefresh(Durations.parse(progressRefresh)));
        }
        System.out.printf("progressRefresh %s%n", config.thresholds().progressRefresh());
        Properties props = StreamsSettings.of(config, bootstrap, Files.createTempDirectory("bench-collector"));
        // experiments: -Dbench.streams.<property>=<value> overrides a Kafka Streams property
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("bench.streams.")) {
                props.put(k.toString().substring("bench.streams.".length()), v);
            }
        });
        CollectorMetrics metrics = new CollectorMetrics(registry, Clock.systemUTC());
        CollectorService.ensureOwnTopics(bootstrap, topics, config);
        try (KafkaStreams streams = new KafkaStreams(
                CollectorTopology.build(config, topics, Clock.systemUTC(), metrics), props)) {
            streams.start();
            long start = 0;
            long startCpu = 0;
            double startCount = 0;
            double processed = 0;
            // a registry search walks every meter (5 per job): searching at every poll took a core of the
            // two from the collector and the broker, so the meters are looked up once (the event counters
            // appear as event types do: again every 100 polls)
            Map<String, Long> startThreads = Map.of();
            long startProcess = 0;
            Gauge pending = registry.get("zsentinel.collector.pending").gauge();
            Collection<Counter> events = List.of();
            // done when every event is processed and the tick after the last one has evaluated what it changed
            for (int polls = 0; processed < n || pending.value() > 0; polls++) {
                Thread.sleep(2);
                if (polls % 100 == 0) {
                    events = registry.find("zsentinel.collector.events").counters();
                }
                processed = events.stream().mapToDouble(Counter::count).sum();
                if (start == 0 && processed >= warm) {
                    start = System.nanoTime();
                    startCpu = streamThreadCpuNanos();
                    startThreads = threadCpuTicks();
                    startProcess = processCpuNanos();
                    startCount = processed;
                }
            }
            long elapsed = System.nanoTime() - start;
            double rate = (n - startCount) / (elapsed / 1e9);
            long cpu = streamThreadCpuNanos() - startCpu;
            // the window's wall-clock times, to cut a flight recording down to the timed parts
            Instant end = Instant.now();
            System.out.printf("stream thread on CPU %.0f %% of the timed %.1f s (%.1f us CPU per event), %s to %s%n",
                    100.0 * cpu / elapsed, elapsed / 1e9, cpu / 1e3 / (n - startCount),
                    end.minusNanos(elapsed), end);
            printThreadProfile(streams.metrics(), registry);
            System.out.printf("the reader's whole process (GC and JIT included) on CPU %.0f %% of one core%n",
                    100.0 * (processCpuNanos() - startProcess) / elapsed);
            printBusiestThreads(startThreads, elapsed);
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

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * CPU ticks of every thread of this process by thread id, from /proc (Linux): the JVM's own and
     * native threads too (GC, JIT compilers, RocksDB), which ThreadMXBean does not list. Empty elsewhere.
     */
    private static Map<String, Long> threadCpuTicks() {
        Map<String, Long> ticks = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // fields 14 and 15 of stat (utime, stime), counted after the name
                    ticks.put(task.getFileName() + " " + name, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (IOException | RuntimeException gone) {
                    // the thread ended
                }
            }
        } catch (IOException notLinux) {
            return Map.of();
        }
        return ticks;
    }

    /** The process's threads by CPU in the timed part: the collector shares two cores with the broker, GC and JIT. */
    private static void printBusiestThreads(Map<String, Long> start, long elapsedNanos) {
        Map<String, Long> byName = new TreeMap<>();
        threadCpuTicks().forEach((key, now) -> {
            String name = key.substring(key.indexOf(' ') + 1).replaceAll("\\d+", "N");
            byName.merge(name, now - start.getOrDefault(key, 0L), Long::sum);
        });
        double tickNanos = 1e9 / 100; // USER_HZ
        StringBuilder line = new StringBuilder("CPU of the process's threads in the timed part (% of one core):");
        byName.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .forEach(e -> line.append(String.format("%n  %5.1f %s", 100.0 * e.getValue() * tickNanos / elapsedNanos,
                        e.getKey())));
        System.out.println(line);
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
