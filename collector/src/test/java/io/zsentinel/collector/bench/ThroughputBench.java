package io.zsentinel.collector.bench;

import static io.zsentinel.collector.fixtures.Events.*;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zsentinel.broker.EmbeddedKafka;
import io.zsentinel.collector.CollectorConfig;
import io.zsentinel.collector.CollectorService;
import io.zsentinel.collector.StreamsSettings;
import io.zsentinel.collector.metrics.CollectorMetrics;
import io.zsentinel.collector.topology.CollectorTopology;
import io.zsentinel.common.config.Durations;
import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.MalformedEventException;
import io.zsentinel.events.kafka.EventRecords;
import io.zsentinel.events.kafka.TopicAdmin;
import io.zsentinel.events.kafka.Topics;
import io.zsentinel.testkit.process.ChildClassPath;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;

/**
 * Events per second of the collector's topology (exactly-once v2, RocksDB stores, changelogs,
 * findings and state output) on the embedded broker, against a bare KafkaConsumer reading the
 * same topic (raw, and decoding every record as any reader must) and against the ceiling of any
 * Kafka Streams application over it (the collector's settings, a processor that only decodes).
 * Not a test.
 *
 * <p>The topic holds {@code events / (20 * jobs)} runs of every job, each 20 events per job: the
 * source and target inventories with the run's new snapshot, {@code job.succeeded} with the new
 * sync point, 16 {@code send.progress} and a {@code pool.usage}. Each reader runs in a JVM of its
 * own (a child of this one, which holds the broker) and reads all events {@code bench.passes}
 * times, each pass anew (a new consumer group; a new collector with empty stores) and after a full
 * GC; the figure is the median of the later half of the passes. The readers take turns, pass by
 * pass. Within a pass only the part after the first {@code warm-up} fraction is timed (by default
 * the first run of every job: group joins and the first sight of every job stay out of it). The
 * collector is timed until its last event, plus the ticks that then evaluated what the last events
 * changed (not the wait for the next wall-clock tick, up to 1 s of idling), so its figure includes
 * the findings and statuses it publishes. Why (collector/design.md, "Performance"): with
 * everything in one JVM the C2 compiler took most of a core of the two while the collector was
 * timed and the profiles of the broker, the bare consumers and the collector mixed; in a reader's
 * own JVM it still took half a core in the third pass and settled from about the fifth; the
 * previous pass's collector, left as old-generation garbage, kept G1 marking through the timed
 * part. Each reader prints where its process's CPU went in the timed part. Run:
 * <pre>
 * ./mvnw -q -pl collector test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.zsentinel.collector.bench.ThroughputBench [-Dexec.args="events jobs warm-up"]
 * </pre>
 * Defaults: 1000000 events over 10000 jobs (5 runs of each), warm-up 0.2, {@code -Dbench.passes=7},
 * {@code -Dbench.fork=true} (false: the readers in the broker's JVM),
 * {@code -Dbench.readerHeap=1g}, {@code -Dbench.readers=raw,decoding,streams,collector} (which to
 * time), {@code -Dbench.readerJvm=<one JVM option>} (e.g. a flight recording, {@code %kind}
 * replaced by the reader's kind), {@code -Dbench.progressRefresh=<duration>} and
 * {@code -Dbench.streams.<property>=<value>} for the collector and the Streams reader. The last
 * lines are the summary.
 */
public final class ThroughputBench {
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(READER)) {
            readerMain(args);
            return;
        }
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
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
            System.out.printf(
                    "produced %,d events over %,d jobs (1 partition); timing after the first %,d; %d passes"
                            + " per reader, the figure is the median of the later half; readers %s%n",
                    n, jobs, warm, passes, fork ? "each in its own JVM" : "in the broker's JVM");
            // experiments: -Dbench.readers=collector times only the collector (the others print as NaN)
            List<String> chosen = List.of(
                    System.getProperty("bench.readers", String.join(",", KINDS)).split(","));
            Map<String, Reader> readers = new LinkedHashMap<>();
            for (String kind : KINDS) {
                if (chosen.contains(kind)) {
                    String[] readerArgs = {READER, kind, kafka.bootstrapServers(), prefix, "" + n, "" + warm};
                    readers.put(kind, fork ? new ForkedReader(readerArgs, null) : () -> pass(readerArgs));
                }
            }
            // -Dbench.variants=name=<one JVM option>,...: more collector readers, each in a JVM with its option (an A/B
            // of a switch inside the same run, since the machine's speed drifts from run to run)
            Map<String, Reader> variants = new LinkedHashMap<>();
            for (String variant : System.getProperty("bench.variants", "").split(",")) {
                if (!variant.isBlank()) {
                    int eq = variant.indexOf('=');
                    String[] readerArgs = {READER, COLLECTOR, kafka.bootstrapServers(), prefix, "" + n, "" + warm};
                    variants.put(
                            COLLECTOR + "[" + variant.substring(0, eq) + "]",
                            new ForkedReader(readerArgs, variant.substring(eq + 1)));
                }
            }
            readers.putAll(variants);
            // the readers take turns, pass by pass: the machine's speed drifts (from one run to the next the raw
            // bare consumer read 150,000 to 300,000 events/s), and a drift then touches every reader alike
            Map<String, List<Double>> settled = new HashMap<>();
            for (int pass = 1; pass <= passes; pass++) {
                boolean counted = pass > passes / 2;
                for (Map.Entry<String, Reader> reader : readers.entrySet()) {
                    double rate = reader.getValue().pass();
                    if (counted) {
                        settled.computeIfAbsent(reader.getKey(), k -> new ArrayList<>())
                                .add(rate);
                    }
                    System.out.printf(
                            "%s pass %d of %d: %,.0f events/s%s%n",
                            reader.getKey(), pass, passes, rate, counted ? "" : " (warm-up)");
                }
            }
            for (Reader reader : readers.values()) {
                reader.close();
            }
            double[] rates = new double[KINDS.size()];
            for (int i = 0; i < rates.length; i++) {
                rates[i] = median(settled.getOrDefault(KINDS.get(i), List.of()));
            }
            double raw = rates[0];
            double decoded = rates[1];
            double bareStreams = rates[2];
            double collector = rates[3];
            System.out.printf("bare consumer, raw bytes:      %,10.0f events/s%n", raw);
            System.out.printf("bare consumer, decoding:       %,10.0f events/s%n", decoded);
            System.out.printf("Kafka Streams, decoding only:  %,10.0f events/s%n", bareStreams);
            System.out.printf("collector topology (EOS v2):   %,10.0f events/s%n", collector);
            System.out.printf(
                    "SUMMARY collector %,.0f/s = %.0f %% of raw bare consumer (%,.0f/s), %.0f %% of decoding bare"
                            + " consumer (%,.0f/s); %,d events, %,d jobs%n",
                    collector, 100 * collector / raw, raw, 100 * collector / decoded, decoded, n, jobs);
            for (String variant : variants.keySet()) {
                double rate = median(settled.getOrDefault(variant, List.of()));
                System.out.printf(
                        "SUMMARY %s %,.0f/s = %.0f %% of the collector, %.0f %% of Kafka Streams decoding only%n",
                        variant, rate, 100 * rate / collector, 100 * rate / bareStreams);
            }
            System.out.printf(
                    "SUMMARY Kafka Streams decoding only %,.0f/s = %.0f %% of raw; the collector is %.0f %% of it%n",
                    bareStreams, 100 * bareStreams / raw, 100 * collector / bareStreams);
        }
        System.exit(0);
    }

    private static final String READER = "--reader";
    private static final String RAW = "raw";
    private static final String DECODING = "decoding";
    private static final String STREAMS = "streams";
    private static final String COLLECTOR = "collector";
    private static final List<String> KINDS = List.of(RAW, DECODING, STREAMS, COLLECTOR);
    private static final String RESULT = "RESULT ";

    /** One kind of reader, which reads the whole topic anew at every pass. */
    private interface Reader extends AutoCloseable {
        /** Events per second of the timed part of one pass over the topic. */
        double pass() throws Exception;

        @Override
        default void close() throws Exception {}
    }

    /** One pass of the reader {@code args} name (see {@link ForkedReader}), after a full GC. */
    private static double pass(String[] args) throws Exception {
        String kind = args[1];
        String bootstrap = args[2];
        Topics topics = new Topics(args[3]);
        int n = Integer.parseInt(args[4]);
        int warm = Integer.parseInt(args[5]);
        // the previous pass's reader (a whole collector: stores, caches, 50,000 meters) is garbage that a
        // collector running for good does not have; left in the old generation, it made G1 mark
        // concurrently through the timed part. Collected here, before the pass, as JMH's -gc does.
        System.gc();
        return switch (kind) {
            case RAW -> bareConsumer(bootstrap, topics, n, warm, false);
            case DECODING -> bareConsumer(bootstrap, topics, n, warm, true);
            case STREAMS -> bareStreams(bootstrap, topics, n, warm);
            default -> topology(bootstrap, topics, n, warm);
        };
    }

    /** NaN for none. */
    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int k = sorted.size();
        return k == 0 ? Double.NaN : k % 2 == 1 ? sorted.get(k / 2) : (sorted.get(k / 2 - 1) + sorted.get(k / 2)) / 2;
    }

    /** A forked reader's main: a pass for every line on stdin, each answered by its result line. */
    private static void readerMain(String[] args) throws Exception {
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (in.readLine() != null) {
            System.out.println(RESULT + pass(args));
        }
        System.exit(0);
    }

    /**
     * A reader in a JVM of its own with this one's class path (exec:java's, when run by Maven): the JIT
     * and the GC of one reader do not run while another is timed, nor do their profiles mix.
     */
    private static final class ForkedReader implements Reader {
        private final String kind;
        private final Process child;
        private final BufferedReader out;
        private final Writer in;

        ForkedReader(String[] args, String option) throws Exception {
            this.kind = args[1];
            String classPath = ChildClassPath.current();
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + System.getProperty("bench.readerHeap", "1g")));
            System.getProperties().forEach((k, v) -> {
                if (k.toString().startsWith("bench.")) {
                    command.add("-D" + k + "=" + v);
                }
            });
            // e.g. -Dbench.readerJvm=-XX:StartFlightRecording=filename=/tmp/reader.jfr,settings=profile (one JVM
            // option)
            String extra = System.getProperty("bench.readerJvm");
            if (extra != null && !extra.isBlank()) {
                command.add(extra.replace("%kind", kind));
            }
            if (option != null) {
                command.add(option);
            }
            command.addAll(List.of("-cp", classPath, ThroughputBench.class.getName()));
            command.addAll(List.of(args));
            child = new ProcessBuilder(command).redirectErrorStream(true).start();
            out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            in = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
        }

        @Override
        public double pass() throws IOException {
            in.write("pass\n");
            in.flush();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(RESULT)) {
                    return Double.parseDouble(line.substring(RESULT.length()));
                }
                System.out.println("  " + line);
            }
            throw new IllegalStateException("the " + kind + " reader ended (exit "
                    + child.onExit().join().exitValue() + ")");
        }

        @Override
        public void close() throws Exception {
            in.close();
            if (child.waitFor() != 0) {
                throw new IllegalStateException("the " + kind + " reader failed (exit " + child.exitValue() + ")");
            }
        }
    }

    static void produce(EmbeddedKafka kafka, Topics topics, int n, int jobs) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        Clock clock = Clock.systemUTC();
        long t = clock.instant().getEpochSecond() - 3600;
        String disk = "rpool/data/vm-disk-0";
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < n; i++) {
                String job = "bench/" + (100 + i % jobs) + "-0";
                int kind = (i / jobs) % 20;
                // every cycle of 20 events per job is a run: a new snapshot, a new sync point, 16 progress reports.
                // The source also keeps the previous run's oldest snapshot, so that it shares two with the target's
                // last inventory: the chain stays OK, as a healthy job's does
                int cycle = i / jobs / 20;
                long s0 = t + 60L * cycle;
                Envelope e = switch (kind) {
                    case 0 ->
                        inventory(
                                job,
                                "source",
                                disk,
                                (cycle == 0 ? "" : snap(cycle - 1, s0 - 60) + ":5,") + snap(cycle, s0) + ":10,"
                                        + snap(cycle + 1, s0 + 60) + ":20," + snap(cycle + 2, s0 + 120) + ":30",
                                clock);
                    case 1 -> inventory(job, "target", disk, snap(cycle, s0) + "," + snap(cycle + 1, s0 + 60), clock);
                    case 2 -> succeeded(job, Instant.ofEpochSecond(s0 + 60), "z" + (cycle + 1), clock);
                    case 19 -> poolUsage("bench/pve" + (i % 10) + "/rpool", 1_000_000_000L, 500_000_000L - i, clock);
                    default -> progress(job, "r" + cycle, disk, 1000L * kind, clock);
                };
                producer.send(EventRecords.toRecord(topics.events(), e.subject(), e));
            }
            producer.flush();
        }
    }

    /** A snapshot in the notation of {@code Events.snaps}: name, GUID, creation time. */
    private static String snap(int number, long epochSecond) {
        return "z" + number + ":" + (number + 1) + ":" + epochSecond;
    }

    static double bareConsumer(String bootstrap, Topics topics, int n, int warm, boolean decode) throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bare-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
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
            System.out.printf("bare consumer (%s) %s%n", decode ? "decoding" : "raw", onCpu(cpu, elapsed, n - warm));
            return (n - warm) / (elapsed / 1e9);
        }
    }

    /** The collector's Kafka Streams properties, with the experiment's overrides. */
    private static Properties streamsProperties(CollectorConfig config, String bootstrap) throws IOException {
        Properties props = StreamsSettings.of(config, bootstrap, Files.createTempDirectory("bench-streams"));
        // experiments: -Dbench.streams.<property>=<value> overrides a Kafka Streams property
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("bench.streams.")) {
                props.put(k.toString().substring("bench.streams.".length()), v);
            }
        });
        return props;
    }

    /**
     * The ceiling of any Kafka Streams application over the events: the collector's Streams settings
     * (exactly-once v2, the same consumer and producer), one processor that decodes every event, and
     * nothing else (no store, no output, no punctuation).
     */
    static double bareStreams(String bootstrap, Topics topics, int n, int warm) throws Exception {
        CollectorConfig config = CollectorConfig.defaults().withApplicationId("bench-streams-" + System.nanoTime());
        Properties props = streamsProperties(config, bootstrap);
        AtomicLong seen = new AtomicLong();
        Topology topology = new Topology();
        topology.addSource("events", new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.events());
        topology.addProcessor(
                "decode",
                () -> (Processor<byte[], byte[], Void, Void>) r -> {
                    try {
                        EventCodec.decode(r.value());
                    } catch (MalformedEventException e) {
                        throw new IllegalStateException("the bench wrote an invalid event", e);
                    }
                    seen.incrementAndGet();
                },
                "events");
        try (KafkaStreams streams = new KafkaStreams(topology, props)) {
            streams.start();
            while (seen.get() < warm) {
                Thread.sleep(1);
            }
            long start = System.nanoTime();
            long startCpu = streamThreadCpuNanos();
            long startCount = seen.get();
            while (seen.get() < n) {
                Thread.sleep(1);
            }
            long elapsed = System.nanoTime() - start;
            System.out.printf("stream thread %s%n", onCpu(streamThreadCpuNanos() - startCpu, elapsed, n - startCount));
            streams.close(Duration.ofSeconds(30));
            return (n - startCount) / (elapsed / 1e9);
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
        Properties props = streamsProperties(config, bootstrap);
        CollectorMetrics metrics = new CollectorMetrics(registry, Clock.systemUTC());
        CollectorService.ensureOwnTopics(bootstrap, topics, config);
        try (KafkaStreams streams =
                new KafkaStreams(CollectorTopology.build(config, topics, Clock.systemUTC(), metrics), props)) {
            streams.start();
            long start = 0;
            long startCpu = 0;
            double startCount = 0;
            double processed = 0;
            // a registry search walks every meter (5 per job): searching at every poll took a core of the
            // two from the collector and the broker, so the meters are looked up once (the event counters
            // appear as event types do: again every 100 polls)
            Map<String, Long> startThreads = Map.of();
            Map<String, Double> startBlocked = Map.of();
            long startProcess = 0;
            Gauge pending = registry.get("zsentinel.collector.pending").gauge();
            Collection<Counter> events = List.of();
            Timer tick = registry.get("zsentinel.collector.tick").timer();
            long lastEvent = 0;
            double tickNanosAtLastEvent = 0;
            Map<String, Double> blockedAtLastEvent = Map.of();
            // done when every event is processed and the tick after the last one has evaluated what it changed
            for (int polls = 0; processed < n || pending.value() > 0; polls++) {
                Thread.sleep(2);
                if (polls % 100 == 0) {
                    events = registry.find("zsentinel.collector.events").counters();
                }
                processed = events.stream().mapToDouble(Counter::count).sum();
                if (lastEvent == 0 && processed >= n) {
                    lastEvent = System.nanoTime();
                    tickNanosAtLastEvent = tick.totalTime(TimeUnit.NANOSECONDS);
                    blockedAtLastEvent = blockedNanos(streams.metrics());
                }
                if (start == 0 && processed >= warm) {
                    start = System.nanoTime();
                    startCpu = streamThreadCpuNanos();
                    startThreads = threadCpuTicks();
                    startProcess = processCpuNanos();
                    startCount = processed;
                    startBlocked = blockedNanos(streams.metrics());
                }
            }
            // the ticks are wall-clock punctuations, one a second: after the last event the collector sits idle
            // until the next one (up to 1 s, a third of a 200,000-event pass). Counted is what it works: until
            // the last event, then the time of the ticks that evaluated what the last events changed.
            long now = System.nanoTime();
            // the window's wall-clock times, to cut a flight recording down to the timed parts
            Instant end = Instant.now();
            long waitedForTick = now - lastEvent - (long) (tick.totalTime(TimeUnit.NANOSECONDS) - tickNanosAtLastEvent);
            long elapsed = now - start - waitedForTick;
            double rate = (n - startCount) / (elapsed / 1e9);
            System.out.printf(
                    "stream thread %s, %s to %s (not counted: %.0f ms waiting for the last tick)%n",
                    onCpu(streamThreadCpuNanos() - startCpu, elapsed, n - startCount),
                    end.minusNanos(now - start),
                    end,
                    waitedForTick / 1e6);
            printThreadProfile(streams.metrics(), registry);
            printBlocked(startBlocked, blockedAtLastEvent);
            System.out.printf(
                    "the reader's whole process (GC and JIT included) on CPU %.0f %% of one core%n",
                    100.0 * (processCpuNanos() - startProcess) / elapsed);
            printBusiestThreads(startThreads, elapsed);
            streams.close(Duration.ofSeconds(30));
            return rate;
        }
    }

    /** How much of the timed part a thread (or threads) spent on CPU, and its CPU per event. */
    private static String onCpu(long cpuNanos, long elapsedNanos, double events) {
        return String.format(
                "on CPU %.0f %% of the timed %.1f s (%.1f us CPU per event)",
                100.0 * cpuNanos / elapsedNanos, elapsedNanos / 1e9, cpuNanos / 1e3 / events);
    }

    /**
     * The stream thread's time blocked (Kafka's {@code *-time-ns-total} metrics of the thread, its
     * consumer, and the producer calls it makes; not the producer's own I/O thread), by client kind and
     * metric, in nanoseconds.
     */
    private static Map<String, Double> blockedNanos(Map<MetricName, ? extends Metric> metrics) {
        Map<String, Double> out = new TreeMap<>();
        metrics.forEach((k, v) -> {
            boolean producerThread =
                    k.group().startsWith("producer") && k.name().startsWith("io");
            if (k.name().endsWith("time-ns-total")
                    && !producerThread
                    && !k.group().startsWith("admin")
                    && v.metricValue() instanceof Number n) {
                out.merge(
                        k.group().replace("-metrics", "") + "/" + k.name().replace("-time-ns-total", ""),
                        n.doubleValue(),
                        Double::sum);
            }
        });
        return out;
    }

    /** Where the stream thread waited between the two readings of {@link #blockedNanos} (what is not 0). */
    private static void printBlocked(Map<String, Double> start, Map<String, Double> end) {
        StringBuilder line = new StringBuilder("blocked from the start of the timed part to the last event (s):");
        end.forEach((k, v) -> {
            double seconds = (v - start.getOrDefault(k, 0.0)) / 1e9;
            if (seconds >= 0.0005) {
                line.append(String.format(" %s %.3f", k, seconds));
            }
        });
        System.out.println(line);
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
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
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
        byName.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(12)
                .forEach(e -> line.append(
                        String.format("%n  %5.1f %s", 100.0 * e.getValue() * tickNanos / elapsedNanos, e.getKey())));
        System.out.println(line);
    }

    /** Where the stream thread spent its time (Kafka Streams' own thread metrics) and the ticks. */
    private static void printThreadProfile(Map<MetricName, ? extends Metric> metrics, SimpleMeterRegistry registry) {
        StringBuilder line = new StringBuilder("stream thread:");
        for (String name : List.of(
                "process-ratio",
                "punctuate-ratio",
                "commit-ratio",
                "poll-ratio",
                "commit-latency-avg",
                "punctuate-latency-avg",
                "commit-rate")) {
            metrics.forEach((k, v) -> {
                if (k.group().equals("stream-thread-metrics") && k.name().equals(name)) {
                    line.append(String.format(" %s %.3f", name, ((Number) v.metricValue()).doubleValue()));
                }
            });
        }
        var tick = registry.get("zsentinel.collector.tick").timer();
        line.append(String.format(
                "; ticks %d, mean %.0f ms, max %.0f ms",
                tick.count(), tick.mean(TimeUnit.MILLISECONDS), tick.max(TimeUnit.MILLISECONDS)));
        System.out.println(line);
    }
}
