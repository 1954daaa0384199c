package io.zsentinel.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.zsentinel.broker.EmbeddedKafka;
import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.EventType;
import io.zsentinel.events.data.InventoryData;
import io.zsentinel.events.data.JobSucceededData;
import io.zsentinel.events.kafka.EventRecords;
import io.zsentinel.events.kafka.TopicAdmin;
import io.zsentinel.events.kafka.Topics;
import io.zsentinel.launcher.Zsentinel;
import io.zsentinel.launcher.e2e.E2eConfig;
import io.zsentinel.launcher.e2e.Secrets;
import io.zsentinel.launcher.e2e.WebhookReceiver;
import io.zsentinel.testkit.process.ChildClassPath;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How long the pipeline is blind after a {@code kill -9}: the time from the kill until the
 * collector's {@code /health/ready} answers 200 again, broken down by what the restarted process
 * was doing, and when an RPO breach that began inside the restart was notified. Not a test.
 *
 * <p>Two modes. {@code all-in-one}: {@code zsentinel run} in a child JVM with its embedded broker
 * (data kept across restarts), a webhook receiver in this JVM. {@code collector}: this JVM holds
 * the broker, the child is {@code zsentinel collector} alone. Before the first kill the events
 * topic gets the state of {@code jobs} jobs (both inventories and a {@code job.succeeded} each,
 * synced now), and the collector has evaluated them all; before each kill one more job gets a sync
 * point that crosses the default RPO target 2 s after the kill. Each restart is polled every 20 ms:
 * <ul>
 *   <li>{@code http}: the collector's HTTP server answers (JVM start, the embedded broker's start
 *       and log recovery, topics checked, the Streams client built);
 *   <li>{@code streams}: Kafka Streams RUNNING (group join, tasks assigned, state restored);
 *   <li>{@code ready}: every task evaluated what it holds (the API's 503 ends);
 *   <li>{@code notified}: the breach's {@code rpo.breached} reached the webhook (all-in-one only;
 *       {@code groupWait} is {@code 0s} so that it measures the pipeline, not the hold).
 * </ul>
 * The broker's start is read from the child's log. Run (the child runs the jars {@code exec:java} resolves from
 * the local repository, hence {@code install}):
 * <pre>
 * ./mvnw -q install -DskipTests -Djacoco.skip=true &amp;&amp; ./mvnw -q -pl launcher exec:java \
 *     -Dexec.classpathScope=test -Dexec.mainClass=io.zsentinel.launcher.bench.RestartBench \
 *     [-Dexec.args="all-in-one|collector jobs restarts"]
 * </pre>
 * Defaults: all-in-one, 10000 jobs, 3 restarts; {@code -Dbench.streams.<property>=<value>} passes a Kafka
 * Streams property to the collector, {@code -Dbench.childJvm=<one JVM option>} one to the child's JVM
 * ({@code %n} replaced by the start's number).
 */
public final class RestartBench {
    private static final Duration DEFAULT_RPO_TARGET = Duration.ofMinutes(20);
    private static final Duration BREACH_AFTER_KILL = Duration.ofSeconds(2);
    private static final String CLUSTER = "bench";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    private RestartBench() {}

    public static void main(String[] args) throws Exception {
        boolean allInOne = args.length == 0 || args[0].equals("all-in-one");
        int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int restarts = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path dir = Files.createTempDirectory("zsentinel-restart-bench-");
        Secrets secrets = Secrets.generate();
        int kafkaPort = freePort();
        int httpPort = freePort();
        EmbeddedKafka external = allInOne ? null : EmbeddedKafka.start(dir.resolve("external-kafka"), true, kafkaPort);
        try (WebhookReceiver webhook = WebhookReceiver.start(secrets.webhookKey())) {
            Path config = E2eConfig.write(
                    config(dir, allInOne, kafkaPort, httpPort, webhook.url()), dir.resolve("zsentinel.yaml"));
            Child child = new Child(config, secrets.environment(), dir, allInOne ? "run" : "collector");
            String bootstrap = "127.0.0.1:" + kafkaPort;
            Topics topics = new Topics(Topics.DEFAULT_PREFIX);
            try {
                child.start();
                Timeline first = Timeline.follow(child, httpPort, null, null);
                System.out.printf(
                        Locale.ROOT,
                        "%s, %,d jobs: first start ready after %.1f s%n",
                        allInOne ? "all-in-one" : "collector alone against an external broker",
                        jobs,
                        first.ready);
                TopicAdmin.ensure(bootstrap, topics);
                long t = System.nanoTime();
                produceJobs(bootstrap, topics, jobs);
                awaitJobs(httpPort, jobs);
                System.out.printf(
                        Locale.ROOT,
                        "state of %,d jobs produced and evaluated in %.1f s%n",
                        jobs,
                        (System.nanoTime() - t) / 1e9);
                List<Timeline> timelines = new ArrayList<>();
                for (int i = 1; i <= restarts; i++) {
                    String breachJob = CLUSTER + "/" + (900_000 + i) + "-0";
                    Instant killAt = Instant.now().plusMillis(300);
                    produce(
                            bootstrap,
                            topics,
                            jobState(breachJob, killAt.plus(BREACH_AFTER_KILL).minus(DEFAULT_RPO_TARGET)));
                    sleepUntil(killAt);
                    child.kill();
                    child.start();
                    Timeline line = Timeline.follow(child, httpPort, allInOne ? webhook : null, breachJob);
                    timelines.add(line);
                    System.out.println("restart " + i + ": " + line);
                    // the next kill only once this start has settled (its first evaluation published)
                    Thread.sleep(3000);
                }
                System.out.println(Timeline.summary(timelines));
            } finally {
                child.stop();
            }
        } finally {
            if (external != null) {
                external.close();
            }
        }
    }

    private static Map<String, Object> config(
            Path dir, boolean allInOne, int kafkaPort, int httpPort, String webhookUrl) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("stateDir", dir.resolve("state").toString());
        root.put(
                "kafka",
                allInOne
                        ? Map.of("dataDir", dir.resolve("kafka").toString(), "port", kafkaPort)
                        : Map.of("bootstrap", "127.0.0.1:" + kafkaPort));
        Map<String, Object> collector = new LinkedHashMap<>();
        collector.put("http", Map.of("host", "127.0.0.1", "port", httpPort));
        collector.put("rpo", Map.of("defaultTarget", DEFAULT_RPO_TARGET.toMinutes() + "m"));
        Map<String, Object> streams = new LinkedHashMap<>();
        System.getProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith("bench.streams."))
                .forEach(k -> streams.put(k.substring("bench.streams.".length()), System.getProperty(k)));
        if (!streams.isEmpty()) {
            collector.put("streams", streams);
        }
        root.put("collector", collector);
        root.put("executor", Map.of("id", "bench-executor", "cluster", CLUSTER, "nodes", List.of(), "jobs", List.of()));
        Map<String, Object> hook = new LinkedHashMap<>();
        hook.put("url", webhookUrl);
        hook.put("secret", Map.of("env", E2eConfig.WEBHOOK_SECRET_ENV));
        hook.put("sendResolved", true);
        Map<String, Object> route = new LinkedHashMap<>();
        route.put("receiver", "hook");
        route.put("groupBy", List.of("alertname", "job"));
        route.put("groupWait", "0s");
        Map<String, Object> alerting = new LinkedHashMap<>();
        alerting.put("id", "bench-alerting");
        alerting.put("http", Map.of("host", "127.0.0.1", "port", 0));
        alerting.put("route", route);
        alerting.put("receivers", Map.of("hook", Map.of("webhook", hook)));
        root.put("alerting", alerting);
        return root;
    }

    // ------------------------------------------------------------------ the jobs' state

    private static void produceJobs(String bootstrap, Topics topics, int jobs) {
        List<Envelope> events = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < jobs; i++) {
            events.addAll(jobState(CLUSTER + "/" + (100 + i) + "-0", now));
        }
        produce(bootstrap, topics, events);
    }

    /** A healthy job synced at {@code syncPoint}: one common replication snapshot, then its success. */
    private static List<Envelope> jobState(String job, Instant syncPoint) {
        Clock clock = Clock.systemUTC();
        String id = job.substring(job.indexOf('/') + 1);
        String dataset = "rpool/data/vm-" + id + "-disk-0";
        String snapshot = "__replicate_" + id + "_" + syncPoint.getEpochSecond() + "__";
        var snap = new InventoryData.Snapshot(
                snapshot, Long.toString(Math.abs(job.hashCode()) + 1L), syncPoint, 10L, 0L, 1L << 20);
        return List.of(
                Envelope.of(
                        EventType.INVENTORY_REPORTED,
                        "bench",
                        job,
                        new InventoryData("pve1", InventoryData.SOURCE, dataset, true, List.of(snap)),
                        clock),
                Envelope.of(
                        EventType.INVENTORY_REPORTED,
                        "bench",
                        job,
                        new InventoryData("pve2", InventoryData.TARGET, dataset, true, List.of(snap)),
                        clock),
                Envelope.of(
                        EventType.JOB_SUCCEEDED,
                        "bench",
                        job,
                        new JobSucceededData(
                                "r-" + syncPoint.toEpochMilli(),
                                "pve1",
                                "pve2",
                                syncPoint,
                                snapshot,
                                List.of(dataset),
                                1000,
                                1L << 20),
                        clock));
    }

    private static void produce(String bootstrap, Topics topics, List<Envelope> events) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            events.forEach(e -> producer.send(EventRecords.toRecord(topics.events(), e.subject(), e)));
            producer.flush();
        }
    }

    private static void awaitJobs(int httpPort, int jobs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            JsonNode body = get(httpPort, "/api/v1/jobs");
            if (body != null && body.path("jobs").size() >= jobs) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the collector did not show " + jobs + " jobs within 5 minutes");
    }

    // ------------------------------------------------------------------ one restart

    /** Seconds since the kill (or, for the first start, since the start) at which each step was seen. */
    private record Timeline(double broker, double http, double streams, double ready, double notified) {
        static Timeline follow(Child child, int httpPort, WebhookReceiver webhook, String breachJob)
                throws InterruptedException {
            Instant zero = child.killedAt != null ? child.killedAt : child.startedAt;
            double http = Double.NaN;
            double streams = Double.NaN;
            double ready = Double.NaN;
            double notified = Double.NaN;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (System.nanoTime() < deadline && (Double.isNaN(ready) || webhook != null && Double.isNaN(notified))) {
                if (Double.isNaN(ready)) {
                    JsonNode health = get(httpPort, "/health/ready");
                    double now = since(zero, Instant.now());
                    if (health != null) {
                        http = Double.isNaN(http) ? now : http;
                        if (Double.isNaN(streams)
                                && "UP"
                                        .equals(health.path("checks")
                                                .path("streams")
                                                .asText())) {
                            streams = now;
                        }
                        if ("UP".equals(health.path("status").asText())) {
                            ready = now;
                        }
                    }
                }
                if (webhook != null && Double.isNaN(notified)) {
                    notified = webhook.deliveries(d -> d.carriesJob("rpo.breached", "firing", breachJob)).stream()
                            .findFirst()
                            .map(d -> since(zero, d.receivedAt()))
                            .orElse(Double.NaN);
                }
                Thread.sleep(20);
            }
            return new Timeline(since(zero, child.logged("embedded Kafka broker at")), http, streams, ready, notified);
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "broker up %.1f s, HTTP %.1f s, streams RUNNING %.1f s, ready %.1f s,"
                            + " breach (at +%.0f s) notified %.1f s (%+.1f s after ready)",
                    broker,
                    http,
                    streams,
                    ready,
                    (double) BREACH_AFTER_KILL.toSeconds(),
                    notified,
                    notified - ready);
        }

        static String summary(List<Timeline> lines) {
            return String.format(
                    Locale.ROOT,
                    "median of %d restarts after kill -9: broker up %.1f s, HTTP %.1f s,"
                            + " streams RUNNING %.1f s, ready %.1f s (max %.1f s), breach notified %+.1f s after ready",
                    lines.size(),
                    median(lines, Timeline::broker),
                    median(lines, Timeline::http),
                    median(lines, Timeline::streams),
                    median(lines, Timeline::ready),
                    lines.stream().mapToDouble(Timeline::ready).max().orElse(Double.NaN),
                    median(lines, l -> l.notified - l.ready));
        }

        private static double median(List<Timeline> lines, java.util.function.ToDoubleFunction<Timeline> f) {
            double[] v = lines.stream().mapToDouble(f).sorted().toArray();
            return v.length == 0
                    ? Double.NaN
                    : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }
    }

    /** The pipeline (or the collector alone) in a JVM of its own, killed with SIGKILL and started again. */
    private static final class Child {
        private final Path config;
        private final Map<String, String> environment;
        private final Path dir;
        private final String command;
        private Process process;
        private Path log;
        private int starts;
        Instant startedAt;
        Instant killedAt;

        Child(Path config, Map<String, String> environment, Path dir, String command) {
            this.config = config;
            this.environment = environment;
            this.dir = dir;
            this.command = command;
        }

        void start() throws IOException {
            log = dir.resolve("child-" + ++starts + ".log");
            List<String> java = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
            String extra = System.getProperty("bench.childJvm");
            if (extra != null) {
                // e.g. a flight recording of each start: -XX:StartFlightRecording=filename=/tmp/start-%n.jfr
                java.add(extra.replace("%n", Integer.toString(starts)));
            }
            java.addAll(List.of(
                    "-cp",
                    ChildClassPath.current(),
                    Zsentinel.class.getName(),
                    command,
                    "--config",
                    config.toString()));
            ProcessBuilder builder =
                    new ProcessBuilder(java).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            startedAt = Instant.now();
            process = builder.start();
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            killedAt = Instant.now();
        }

        void stop() throws InterruptedException {
            if (process != null && process.isAlive()) {
                process.destroy();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }

        /** When the current start's log first had a line containing {@code text} (its logback timestamp). */
        Instant logged(String text) {
            try (var lines = Files.lines(log)) {
                return lines.filter(l -> l.contains(text))
                        .findFirst()
                        .map(l -> LocalTime.parse(l.substring(0, 12))) // logback-test.xml: HH:mm:ss.SSS first
                        .map(t -> t.atDate(LocalDate.now(ZoneId.systemDefault()))
                                .atZone(ZoneId.systemDefault())
                                .toInstant())
                        .orElse(null);
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private static JsonNode get(int port, String path) {
        try {
            HttpResponse<byte[]> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return EventCodec.mapper().readTree(response.body());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static double since(Instant zero, Instant t) {
        return t == null ? Double.NaN : Duration.between(zero, t).toMillis() / 1000.0;
    }

    private static void sleepUntil(Instant t) throws InterruptedException {
        long ms = Duration.between(Instant.now(), t).toMillis();
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
