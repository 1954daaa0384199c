package io.zsentinel.alerting.service;

import static io.zsentinel.alerting.support.Findings.finding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zsentinel.alerting.AlertingService;
import io.zsentinel.alerting.support.Findings;
import io.zsentinel.alerting.support.ServiceFixture;
import io.zsentinel.alerting.support.WebhookReceiver;
import io.zsentinel.broker.EmbeddedKafka;
import io.zsentinel.events.kafka.Topics;
import io.zsentinel.testkit.kafka.KafkaBrokerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaBrokerExtension.class)
class SilencesApiTest {
    private final Vertx vertx = Vertx.vertx();
    private final HttpClient http = HttpClient.newHttpClient();
    private final byte[] key = new byte[32];
    private final Map<String, String> env;

    SilencesApiTest() {
        new SecureRandom().nextBytes(key);
        env = Map.of("HOOK_SECRET", "whsec_" + Base64.getEncoder().encodeToString(key));
    }

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void silencesMuteUntilExpiredThroughTheApiAndSurviveARestart(EmbeddedKafka kafka, @TempDir Path dir)
            throws Exception {
        Topics topics = new Topics(KafkaBrokerExtension.uniquePrefix("silences"));
        String bootstrap = kafka.bootstrapServers();
        try (WebhookReceiver receiver = new WebhookReceiver(vertx, key, 0, 204, null);
                Findings collector = new Findings(bootstrap, topics)) {
            String yaml = """
                    id: s
                    http: {port: 0}
                    route:
                      receiver: hook
                      groupBy: [alertname, job]
                      groupWait: 0s
                      groupInterval: 1s
                    receivers:
                      hook:
                        webhook: {url: %s, secret: {env: HOOK_SECRET}}
                    """.formatted(receiver.url());
            String id;
            try (AlertingService service =
                    ServiceFixture.start(ServiceFixture.config(yaml, env), bootstrap, topics, vertx, env, dir)) {
                String base = "http://127.0.0.1:" + service.httpPort() + "/api/v1/silences";
                HttpResponse<String> bad =
                        send("POST", base, "{\"matchers\":[],\"createdBy\":\"ops\",\"duration\":\"1h\"}");
                assertThat(bad.statusCode()).isEqualTo(400);
                assertThat(bad.body()).contains("matchers");

                HttpResponse<String> created = send(
                        "POST",
                        base,
                        new JsonObject()
                                .put(
                                        "matchers",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put("name", "job")
                                                        .put("value", "lab/101-0")
                                                        .put("isRegex", false)
                                                        .put("isEqual", true)))
                                .put(
                                        "endsAt",
                                        Instant.now().plus(Duration.ofHours(2)).toString())
                                .put("createdBy", "ops@example")
                                .put("comment", "maintenance of pve2")
                                .encode());
                assertThat(created.statusCode()).isEqualTo(201);
                id = new JsonObject(created.body()).getString("silenceID");

                JsonArray listed = new JsonArray(send("GET", base, null).body());
                assertThat(listed).hasSize(1);
                assertThat(listed.getJsonObject(0).getJsonObject("status").getString("state"))
                        .isEqualTo("active");

                collector.publish(
                        finding("rpo.breached", "firing", Instant.now(), Map.of(), "cluster=lab", "job=lab/101-0"));
                collector.publish(
                        finding("rpo.breached", "firing", Instant.now(), Map.of(), "cluster=lab", "job=lab/102-0"));
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests.size() == 1);
                assertThat(receiver.requests.get(0).body().encode())
                        .contains("lab/102-0")
                        .doesNotContain("lab/101-0");
                await().during(Duration.ofSeconds(2))
                        .atMost(Duration.ofSeconds(5))
                        .until(() -> receiver.requests.size() == 1);

                HttpResponse<String> expired = send("DELETE", base + "/" + id, null);
                assertThat(expired.statusCode()).isEqualTo(200);
                assertThat(new JsonObject(expired.body())
                                .getJsonObject("status")
                                .getString("state"))
                        .isEqualTo("expired");
                assertThat(send("DELETE", base + "/nope", null).statusCode()).isEqualTo(404);
                // muted no more: the next group interval notifies it
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests.size() == 2);
                assertThat(receiver.requests.get(1).body().encode()).contains("lab/101-0");
            }
            try (AlertingService service =
                    ServiceFixture.start(ServiceFixture.config(yaml, env), bootstrap, topics, vertx, env, dir)) {
                JsonObject reloaded = new JsonObject(
                        send("GET", "http://127.0.0.1:" + service.httpPort() + "/api/v1/silences/" + id, null)
                                .body());
                assertThat(reloaded.getString("createdBy")).isEqualTo("ops@example");
                assertThat(reloaded.getJsonObject("status").getString("state")).isEqualTo("expired");
                HttpResponse<String> metrics = send("GET", "http://127.0.0.1:" + service.httpPort() + "/metrics", null);
                assertThat(metrics.statusCode()).isEqualTo(200);
            }
        }
    }

    private HttpResponse<String> send(String method, String url, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
