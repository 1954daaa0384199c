package io.zsentinel.collector.bench;

import static io.zsentinel.collector.fixtures.Events.heartbeat;
import static io.zsentinel.collector.fixtures.Events.inventory;
import static io.zsentinel.collector.fixtures.Events.jobInfo;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zsentinel.collector.CollectorConfig;
import io.zsentinel.collector.metrics.CollectorMetrics;
import io.zsentinel.collector.topology.CollectorTopology;
import io.zsentinel.collector.topology.Readiness;
import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.data.FindingData;
import io.zsentinel.events.data.FindingNames;
import io.zsentinel.events.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The first sight of many jobs (issue 14: 100,000) while one job's RPO crosses its target: how long
 * the longest tick held the stream thread, and how late the breach was published. The topology runs
 * under TopologyTestDriver on the wall clock, its punctuations moved with the real time that
 * passed; the jobs' inventories arrive in batches of 1,000 with the punctuations between them, as
 * records and ticks take turns on a stream thread. Not a test. Run:
 * <pre>
 * ./mvnw -q -pl collector test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.zsentinel.collector.bench.FirstSightBench [-Dexec.args="100000"]
 * </pre>
 */
public final class FirstSightBench {
    private static final String DISK = "rpool/data/vm-100-disk-0";
    private static final String SENTINEL = "lab/999999999-0";
    private static final long TARGET_SECONDS = 600;
    private static final Duration BREACH_AFTER = Duration.ofSeconds(3);

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Clock clock = Clock.systemUTC();
        Topics topics = new Topics("bench");
        CollectorConfig config = CollectorConfig.defaults();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Readiness readiness = new Readiness();
        Path stateDir = Files.createTempDirectory("first-sight");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        try (TopologyTestDriver driver = new TopologyTestDriver(
                CollectorTopology.build(config, topics, clock, new CollectorMetrics(registry, clock), 0, readiness),
                props,
                clock.instant())) {
            TestInputTopic<byte[], byte[]> events =
                    driver.createInputTopic(topics.events(), new ByteArraySerializer(), new ByteArraySerializer());
            TestOutputTopic<byte[], byte[]> findings = driver.createOutputTopic(
                    topics.findings(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            Punctuations time = new Punctuations(driver);

            // the sentinel's newest common snapshot is TARGET_SECONDS - BREACH_AFTER old: it breaches meanwhile
            long synced = clock.instant()
                    .plus(BREACH_AFTER)
                    .minusSeconds(TARGET_SECONDS)
                    .getEpochSecond();
            String old = "a:1:" + (synced - 300) + ",b:2:" + synced;
            Instant breach = Instant.ofEpochSecond(synced + TARGET_SECONDS);
            pipe(
                    events,
                    heartbeat(
                            "ex1",
                            3600,
                            clock,
                            jobInfo(SENTINEL, TARGET_SECONDS, clock.instant().plus(Duration.ofDays(1)), DISK)));
            pipe(events, inventory(SENTINEL, "source", DISK, old, clock));
            pipe(events, inventory(SENTINEL, "target", DISK, old, clock));
            time.advance();

            long fresh = clock.instant().getEpochSecond();
            String recent = "a:1:" + (fresh - 300) + ",b:2:" + fresh;
            long started = System.nanoTime();
            Instant published = null;
            for (int i = 0; i < n; i++) {
                String job = "lab/" + (100 + i) + "-0";
                pipe(events, inventory(job, "source", DISK, recent, clock));
                pipe(events, inventory(job, "target", DISK, recent, clock));
                if (i % 1000 == 999) {
                    time.advance();
                    published = published != null ? published : breachSeen(findings, clock);
                }
            }
            long piped = System.nanoTime();
            while (!readiness.statusesComplete() || published == null) {
                Thread.sleep(1);
                time.advance();
                published = published != null ? published : breachSeen(findings, clock);
                if (System.nanoTime() - piped > TimeUnit.MINUTES.toNanos(2)) {
                    throw new IllegalStateException("not done after 2 minutes: ready " + readiness.statusesComplete()
                            + ", breach published " + published);
                }
            }
            long done = System.nanoTime();
            Timer tick = registry.get("zsentinel.collector.tick").timer();
            System.out.printf(
                    "%,d jobs first seen: events piped in %.1f s, all judged %.1f s after the first%n",
                    n, (piped - started) / 1e9, (done - started) / 1e9);
            System.out.printf(
                    "ticks %,d, mean %.1f ms, longest %.1f ms%n",
                    tick.count(), tick.mean(TimeUnit.MILLISECONDS), tick.max(TimeUnit.MILLISECONDS));
            System.out.printf(
                    "SUMMARY first sight of %,d jobs: longest tick %.1f ms; rpo.breached of %s published %d ms"
                            + " after the breach%n",
                    n,
                    tick.max(TimeUnit.MILLISECONDS),
                    SENTINEL,
                    Duration.between(breach, published).toMillis());
        }
        System.exit(0);
    }

    private static void pipe(TestInputTopic<byte[], byte[]> events, Envelope e) {
        events.pipeInput(e.subject().getBytes(StandardCharsets.UTF_8), EventCodec.encode(e), e.time());
    }

    /** When the sentinel's breach appeared on the findings topic, or null. */
    private static Instant breachSeen(TestOutputTopic<byte[], byte[]> findings, Clock clock) throws Exception {
        Instant seen = null;
        for (TestRecord<byte[], byte[]> r : findings.readRecordsToList()) {
            FindingData f = EventCodec.decode(r.value()).data(FindingData.class);
            if (f.name().equals(FindingNames.RPO_BREACHED)
                    && SENTINEL.equals(f.labels().get("job"))
                    && f.firing()) {
                seen = clock.instant();
            }
        }
        return seen;
    }

    /** Moves the driver's wall clock by the real time that passed, so punctuations come as they would. */
    private static final class Punctuations {
        private final TopologyTestDriver driver;
        private long last = System.nanoTime();

        Punctuations(TopologyTestDriver driver) {
            this.driver = driver;
        }

        void advance() {
            long now = System.nanoTime();
            driver.advanceWallClockTime(Duration.ofNanos(now - last));
            last = now;
        }
    }
}
