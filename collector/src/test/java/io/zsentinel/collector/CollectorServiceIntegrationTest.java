package io.zsentinel.collector;

import static io.zsentinel.collector.fixtures.Events.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.zsentinel.broker.EmbeddedKafka;
import io.zsentinel.common.service.ServiceContext;
import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.data.FindingData;
import io.zsentinel.events.kafka.EventRecords;
import io.zsentinel.events.kafka.TopicAdmin;
import io.zsentinel.events.kafka.Topics;
import io.zsentinel.testkit.kafka.KafkaBrokerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The collector on the real embedded broker, its API queried over loopback HTTP. */
@ExtendWith(KafkaBrokerExtension.class)
class CollectorServiceIntegrationTest {
    static final String JOB = "lab/101-0";
    static final String DISK = "rpool/data/vm-101-disk-0";
    final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path stateDir;

    @Test
    void computesRpoAndChainServesThemOverHttpAndSurvivesARestartFromItsChangelogs(EmbeddedKafka kafka)
            throws Exception {
        Topics topics = new Topics(KafkaBrokerExtension.uniquePrefix("collectorIT"));
        TopicAdmin.ensure(kafka.bootstrapServers(), topics);
        Clock clock = Clock.systemUTC();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Vertx vertx = Vertx.vertx();
        ServiceContext ctx =
                new ServiceContext(kafka.bootstrapServers(), topics, clock, vertx, registry, Map.of(), stateDir);
        CollectorConfig config =
                CollectorConfig.defaults().withHttpPort(0).withApplicationId(topics.prefix() + "-collector");
        List<FindingData> findings = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = producer(kafka);
                KafkaConsumer<String, byte[]> findingsConsumer = consumer(kafka, topics.findings())) {
            CollectorService collector = CollectorService.start(config, ctx);
            try {
                Instant now = clock.instant();
                long synced = now.getEpochSecond() - 120;
                send(producer, topics, heartbeat("ex1", 30, clock, jobInfo(JOB, 60, now.plusSeconds(3600), DISK)));
                send(
                        producer,
                        topics,
                        inventory(
                                JOB,
                                "source",
                                DISK,
                                "a:1:" + (synced - 600) + ":100,b:2:" + synced + ":200,c:3:" + (synced + 60) + ":300",
                                clock));
                send(
                        producer,
                        topics,
                        inventory(JOB, "target", DISK, "a:1:" + (synced - 600) + ",b:2:" + synced, clock));
                send(producer, topics, succeeded(JOB, Instant.ofEpochSecond(synced), "b", clock));
                send(producer, topics, poolUsage("lab/pve2/rpool", 1_000_000, 600_000, clock));
                producer.flush();

                int port = collector.httpPort();
                JsonNode job = await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200))
                        // evaluated once it holds the events above and the heartbeat's part (re-keyed through the
                        // assignments topic, it may come last); a tick may come between them
                        .until(
                                () -> get(port, "/api/v1/jobs/lab/101-0"),
                                n -> n != null
                                        && n.path("lastSnapshot").asText().equals("b")
                                        && n.path("executor").asText().equals("ex1"));
                assertThat(job.get("chain").asText()).as(job.toString()).isEqualTo("OK");
                assertThat(job.get("effectiveRpoSeconds").asLong()).isBetween(120L, 240L);
                assertThat(job.get("rpoTargetSeconds").asLong()).isEqualTo(60);
                assertThat(job.get("lastSnapshot").asText()).isEqualTo("b");
                assertThat(job.get("backlogSnapshots").asInt()).isEqualTo(1);
                assertThat(job.get("backlogBytes").asLong()).isEqualTo(300);
                assertThat(job.get("executor").asText()).isEqualTo("ex1");
                assertThat(job.get("datasets").get(0).get("newestCommon").asText())
                        .isEqualTo("b");
                assertThat(get(port, "/api/v1/jobs").get("jobs")).hasSize(1);
                JsonNode pools = await().atMost(Duration.ofSeconds(30))
                        .until(
                                () -> get(port, "/api/v1/pools"),
                                n -> n != null && n.get("pools").size() == 1);
                assertThat(pools.get("pools").get(0).get("free").asLong()).isEqualTo(600_000);

                FindingData breach = awaitFinding(findingsConsumer, findings, "rpo.breached", "firing");
                assertThat(breach.labels()).containsEntry("job", JOB).containsEntry("executor", "ex1");
                assertThat(get(port, "/api/v1/findings").get("findings").toString())
                        .contains("rpo.breached");
                // a new job's gauges are registered off the stream thread, a moment after its evaluation
                String metrics = await().atMost(Duration.ofSeconds(10))
                        .until(
                                () -> getText(port, "/metrics"),
                                m -> m.contains("zsentinel_job_rpo_seconds{job=\"lab/101-0\"}"));
                assertThat(metrics)
                        .contains("zsentinel_job_rpo_target_seconds{job=\"lab/101-0\"} 60.0")
                        .contains("zsentinel_pool_free_bytes{pool=\"lab/pve2/rpool\"} 600000.0");
                assertThat(getText(port, "/health/ready")).contains("\"status\":\"UP\"");
                assertThat(getText(port, "/")).contains("<html");
            } finally {
                collector.close();
            }

            // lose the local state: the restart must rebuild it from the changelogs
            deleteRecursively(stateDir.resolve("collector"));
            CollectorService restarted = CollectorService.start(config, ctx);
            try {
                int port = restarted.httpPort();
                // from the start on, the job list is either not ready (503) or whole: the statuses live on the
                // heap until the first tick has evaluated every job, and a list without the job reads as "gone"
                List<Integer> codes = new ArrayList<>();
                JsonNode jobs = await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(10))
                        .until(
                                () -> {
                                    HttpResponse<String> r = send(port, "/api/v1/jobs");
                                    codes.add(r.statusCode());
                                    return r.statusCode() == 200
                                            ? EventCodec.mapper()
                                                    .readTree(r.body())
                                                    .get("jobs")
                                            : null;
                                },
                                list -> list != null);
                assertThat(jobs).as("the first list served after the restart").hasSize(1);
                assertThat(codes.subList(0, codes.size() - 1)).as("before it").containsOnly(503);
                assertThat(codes).as("polled from before the first tick").hasSizeGreaterThan(1);
                assertThat(getText(port, "/health/ready")).contains("\"statuses\":\"UP\"");
                JsonNode job = get(port, "/api/v1/jobs/lab/101-0");
                assertThat(job.get("lastSnapshot").asText()).isEqualTo("b");
                send(producer, topics, succeeded(JOB, clock.instant(), "c", clock));
                producer.flush();
                FindingData resolved = awaitFinding(findingsConsumer, findings, "rpo.breached", "resolved");
                FindingData firing = findings.stream()
                        .filter(f -> f.name().equals("rpo.breached"))
                        .findFirst()
                        .orElseThrow();
                assertThat(resolved.startsAt())
                        .as("the episode survived the restart")
                        .isEqualTo(firing.startsAt());
                assertThat(resolved.fingerprint()).isEqualTo(firing.fingerprint());
            } finally {
                restarted.close();
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private FindingData awaitFinding(
            KafkaConsumer<String, byte[]> consumer, List<FindingData> seen, String name, String status) {
        return await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> {
                            consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                                try {
                                    seen.add(EventCodec.decode(r.value()).data(FindingData.class));
                                } catch (Exception e) {
                                    throw new AssertionError("unreadable finding", e);
                                }
                            });
                            return seen.stream()
                                    .filter(f ->
                                            f.name().equals(name) && f.status().equals(status))
                                    .findFirst()
                                    .orElse(null);
                        },
                        f -> f != null);
    }

    private static void send(KafkaProducer<String, byte[]> producer, Topics topics, Envelope e) {
        producer.send(EventRecords.toRecord(topics.events(), e.subject(), e));
    }

    private JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> r = send(port, path);
        return r.statusCode() == 200 ? EventCodec.mapper().readTree(r.body()) : null;
    }

    private String getText(int port, String path) throws Exception {
        return send(port, path).body();
    }

    private HttpResponse<String> send(int port, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static KafkaProducer<String, byte[]> producer(EmbeddedKafka kafka) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<String, byte[]> consumer(EmbeddedKafka kafka, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        c.subscribe(List.of(topic));
        return c;
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
