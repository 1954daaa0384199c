package io.zsentinel.alerting.bench;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.zsentinel.alerting.AlertingConfig;
import io.zsentinel.alerting.AlertingService;
import io.zsentinel.alerting.support.Findings;
import io.zsentinel.alerting.support.ServiceFixture;
import io.zsentinel.alerting.webhook.WebhookSignature;
import io.zsentinel.broker.EmbeddedKafka;
import io.zsentinel.common.service.ServiceContext;
import io.zsentinel.events.data.FindingData;
import io.zsentinel.events.kafka.TopicAdmin;
import io.zsentinel.events.kafka.Topics;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: finding published on the real embedded broker -> signed webhook received by a
 * loopback Vert.x server, group_wait 0, one group per finding. Reports p50/p99 of the end to
 * end latency one at a time, and deliveries per second for a burst.
 *
 * <pre>./mvnw -q -o -pl alerting test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.zsentinel.alerting.bench.WebhookLatencyBench [-Dexec.args="500 3000"]</pre>
 */
public final class WebhookLatencyBench {
    private static final Map<String, CountDownLatch> WAITING = new ConcurrentHashMap<>();
    private static final Map<String, Long> RECEIVED_NS = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        int sequential = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int burst = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        Map<String, String> env =
                Map.of("HOOK_SECRET", "whsec_" + Base64.getEncoder().encodeToString(key));
        Vertx vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer()
                .requestHandler(req -> req.body().onSuccess(body -> {
                    long at = System.nanoTime();
                    boolean valid = WebhookSignature.verify(
                            key,
                            req.getHeader(WebhookSignature.ID),
                            req.getHeader(WebhookSignature.TIMESTAMP),
                            body.getBytes(),
                            req.getHeader(WebhookSignature.SIGNATURE));
                    JsonArray alerts = body.toJsonObject().getJsonArray("alerts");
                    for (int i = 0; i < alerts.size(); i++) {
                        String job =
                                alerts.getJsonObject(i).getJsonObject("labels").getString("job");
                        RECEIVED_NS.putIfAbsent(job, at);
                        CountDownLatch latch = WAITING.get(job);
                        if (latch != null) {
                            latch.countDown();
                        }
                    }
                    req.response().setStatusCode(valid ? 204 : 401).end();
                }))
                .listen(0, "127.0.0.1")
                .await();

        try (EmbeddedKafka kafka = EmbeddedKafka.startTemporary()) {
            Topics topics = new Topics("bench");
            TopicAdmin.ensure(kafka.bootstrapServers(), topics);
            AlertingConfig config = ServiceFixture.config("""
                    http: {port: 0}
                    route:
                      receiver: hook
                      groupBy: ['...']
                      groupWait: 0s
                    receivers:
                      hook:
                        webhook: {url: 'http://127.0.0.1:%d/hook', secret: {env: HOOK_SECRET}}
                    """.formatted(server.actualPort()), env);
            ServiceContext ctx = new ServiceContext(
                    kafka.bootstrapServers(),
                    topics,
                    Clock.systemUTC(),
                    vertx,
                    new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                    env,
                    Files.createTempDirectory("bench"));
            try (AlertingService service = AlertingService.start(config, ctx);
                    Findings collector = new Findings(kafka.bootstrapServers(), topics)) {
                while (!service.ready()) {
                    Thread.sleep(50);
                }
                run(collector, "warmup", 200);
                List<Long> latencies = run(collector, "seq", sequential);
                report("one at a time", latencies);

                long start = System.nanoTime();
                List<String> jobs = new ArrayList<>();
                CountDownLatch all = new CountDownLatch(burst);
                Map<String, Long> sentAt = new ConcurrentHashMap<>();
                for (int i = 0; i < burst; i++) {
                    String job = "burst/" + (100 + i) + "-0";
                    jobs.add(job);
                    WAITING.put(job, all);
                    sentAt.put(job, System.nanoTime());
                    collector.publishAsync(finding(job));
                }
                if (!all.await(300, TimeUnit.SECONDS)) {
                    System.out.println("burst: only " + (burst - all.getCount()) + " of " + burst + " delivered");
                }
                long elapsed = System.nanoTime() - start;
                List<Long> burstLatencies = new ArrayList<>();
                for (String job : jobs) {
                    burstLatencies.add(RECEIVED_NS.get(job) - sentAt.get(job));
                }
                System.out.printf(
                        "burst: %d findings -> %d webhooks in %.2f s = %.0f deliveries/s%n",
                        burst, burst, elapsed / 1e9, burst / (elapsed / 1e9));
                report("burst (queueing included)", burstLatencies);
            }
        } finally {
            vertx.close().await();
        }
    }

    private static List<Long> run(Findings collector, String prefix, int n) throws InterruptedException {
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String job = prefix + "/" + (100 + i) + "-0";
            CountDownLatch latch = new CountDownLatch(1);
            WAITING.put(job, latch);
            long sent = System.nanoTime();
            collector.publishAsync(finding(job));
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no webhook for " + job);
            }
            latencies.add(RECEIVED_NS.get(job) - sent);
        }
        return latencies;
    }

    private static FindingData finding(String job) {
        return Findings.finding("rpo.breached", "firing", Instant.now(), Map.of(), "cluster=bench", "job=" + job);
    }

    private static void report(String what, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        System.out.printf(
                "%s: n=%d p50=%.1f ms p90=%.1f ms p99=%.1f ms max=%.1f ms%n",
                what,
                sorted.size(),
                pct(sorted, 0.50),
                pct(sorted, 0.90),
                pct(sorted, 0.99),
                sorted.get(sorted.size() - 1) / 1e6);
    }

    private static double pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }
}
