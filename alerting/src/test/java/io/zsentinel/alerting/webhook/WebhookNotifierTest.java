package io.zsentinel.alerting.webhook;

import static io.zsentinel.alerting.support.Alerts.firing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.KeyStoreOptions;
import io.zsentinel.alerting.dispatch.ExecutorScheduler;
import io.zsentinel.alerting.model.Alert;
import io.zsentinel.alerting.nflog.InMemoryNotificationLog;
import io.zsentinel.alerting.notify.Backoff;
import io.zsentinel.alerting.notify.DedupStage;
import io.zsentinel.alerting.notify.DeliveryFailedException;
import io.zsentinel.alerting.notify.FailureReason;
import io.zsentinel.alerting.notify.FlushContext;
import io.zsentinel.alerting.notify.Integration;
import io.zsentinel.alerting.notify.MultiStage;
import io.zsentinel.alerting.notify.RetryStage;
import io.zsentinel.alerting.support.RecordingAudit;
import io.zsentinel.alerting.support.WebhookReceiver;
import io.zsentinel.events.data.AuditData;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookNotifierTest {
    private final Vertx vertx = Vertx.vertx();
    private final ExecutorScheduler scheduler = new ExecutorScheduler(Clock.systemUTC(), "test-dispatch");
    private final RecordingAudit audit = new RecordingAudit();
    private final byte[] key = new byte[32];
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<Alert> alerts = List.of(
            firing("rpo.breached", "cluster=lab", "job=lab/101-0"),
            firing("rpo.breached", "cluster=lab", "job=lab/102-0"));

    WebhookNotifierTest() {
        new SecureRandom().nextBytes(key);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        scheduler.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private Integration integration(String url, PayloadFormat format, Duration timeout, Path ca, int maxAttempts) {
        WebhookNotifier notifier = new WebhookNotifier(
                vertx, url, key, format, timeout, ca, "http://zsentinel.example", Clock.systemUTC());
        closeables.add(notifier);
        return new Integration(
                "hook",
                notifier,
                true,
                maxAttempts,
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(5)));
    }

    private FlushContext deliver(Integration integration) {
        FlushContext ctx = new FlushContext(
                ":{cluster=\"lab\"}", Map.of("cluster", "lab"), "hook", java.time.Instant.now(), Duration.ofHours(4));
        new MultiStage(
                        new DedupStage(new InMemoryNotificationLog(), true),
                        new RetryStage(integration, scheduler, audit, new SimpleMeterRegistry()))
                .exec(ctx, alerts)
                .orTimeout(20, TimeUnit.SECONDS)
                .join();
        return ctx;
    }

    private WebhookReceiver receiver(int failFirst, int status, String retryAfter) {
        WebhookReceiver receiver = new WebhookReceiver(vertx, key, failFirst, status, retryAfter);
        closeables.add(receiver);
        return receiver;
    }

    @Test
    void signsEveryAttemptKeepsTheIdAndRetriesUntilAccepted() {
        WebhookReceiver receiver = receiver(2, 503, null);
        FlushContext ctx =
                deliver(integration(receiver.url(), PayloadFormat.ZSENTINEL, Duration.ofSeconds(5), null, 5));

        assertThat(receiver.requests).hasSize(3).allMatch(WebhookReceiver.Request::signatureValid);
        assertThat(receiver.requests).extracting(WebhookReceiver.Request::id).containsOnly(ctx.notificationId());
        assertThat(receiver.requests)
                .extracting(WebhookReceiver.Request::answered)
                .containsExactly(503, 503, 204);
        assertThat(audit.events).extracting(AuditData::outcome).containsExactly("failure", "failure", "success");
        assertThat(audit.events)
                .extracting(e -> e.attributes().get("status_code"))
                .containsExactly("503", "503", "204");
        JsonObject body = receiver.requests.get(2).body();
        assertThat(body.getString("version")).isEqualTo("1");
        assertThat(body.getString("status")).isEqualTo("firing");
        assertThat(body.getJsonArray("alerts")).hasSize(2);
        assertThat(body.getJsonObject("commonLabels").getMap())
                .containsEntry("cluster", "lab")
                .doesNotContainKey("job");
    }

    @Test
    void honoursRetryAfter() {
        WebhookReceiver receiver = receiver(1, 429, "1");
        deliver(integration(receiver.url(), PayloadFormat.ZSENTINEL, Duration.ofSeconds(5), null, 3));
        assertThat(receiver.requests).hasSize(2);
        assertThat(Duration.between(
                        receiver.requests.get(0).at(), receiver.requests.get(1).at()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void goneDisablesAndOtherClientErrorsAreNotRetried() {
        WebhookReceiver gone = receiver(5, 410, null);
        Integration goneIntegration = integration(gone.url(), PayloadFormat.ZSENTINEL, Duration.ofSeconds(5), null, 5);
        assertThatThrownBy(() -> deliver(goneIntegration))
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(DeliveryFailedException.class);
        assertThat(gone.requests).hasSize(1);
        assertThat(goneIntegration.disabled()).isTrue();

        WebhookReceiver bad = receiver(5, 400, null);
        assertThatThrownBy(
                        () -> deliver(integration(bad.url(), PayloadFormat.ZSENTINEL, Duration.ofSeconds(5), null, 5)))
                .hasCauseInstanceOf(DeliveryFailedException.class);
        assertThat(bad.requests).hasSize(1);
        assertThat(audit.events).extracting(AuditData::reason).contains("gone", "client_error");
    }

    @Test
    void aHangingReceiverTimesOutAndIsRetried() {
        WebhookReceiver receiver = receiver(0, 204, null).hang();
        assertThatThrownBy(() ->
                        deliver(integration(receiver.url(), PayloadFormat.ZSENTINEL, Duration.ofMillis(300), null, 2)))
                .hasCauseInstanceOf(DeliveryFailedException.class)
                .satisfies(e -> assertThat(
                                ((DeliveryFailedException) e.getCause()).last().reason())
                        .isEqualTo(FailureReason.TIMEOUT));
        assertThat(receiver.requests).hasSize(2);
    }

    @Test
    void sendsAlertmanagerV4WhenAsked() {
        WebhookReceiver receiver = receiver(0, 204, null);
        deliver(integration(receiver.url(), PayloadFormat.ALERTMANAGER, Duration.ofSeconds(5), null, 1));
        JsonObject body = receiver.requests.get(0).body();
        assertThat(body.getString("version")).isEqualTo("4");
        assertThat(body.getString("groupKey")).isEqualTo(":{cluster=\"lab\"}");
        assertThat(body.getInteger("truncatedAlerts")).isZero();
        JsonArray list = body.getJsonArray("alerts");
        assertThat(list.getJsonObject(0).getString("endsAt")).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(list.getJsonObject(0).getString("fingerprint")).hasSize(16);
        assertThat(list.getJsonObject(0).getJsonObject("labels").getString("severity"))
                .isEqualTo("critical");
    }

    @Test
    void trustsACustomCaOverTls(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("server.p12");
        Path ca = dir.resolve("ca.pem");
        String keytool =
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(
                keytool,
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit");
        run(
                keytool,
                "-exportcert",
                "-rfc",
                "-alias",
                "server",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit",
                "-file",
                ca.toString());
        WebhookReceiver receiver = new WebhookReceiver(
                vertx,
                key,
                0,
                204,
                null,
                new HttpServerOptions()
                        .setSsl(true)
                        .setKeyCertOptions(new KeyStoreOptions()
                                .setType("PKCS12")
                                .setPath(keystore.toString())
                                .setPassword("changeit")));
        closeables.add(receiver);
        String url = "https://127.0.0.1:" + receiver.port() + "/hook";

        deliver(integration(url, PayloadFormat.ZSENTINEL, Duration.ofSeconds(5), ca, 1));
        assertThat(receiver.requests).hasSize(1).allMatch(WebhookReceiver.Request::signatureValid);

        assertThatThrownBy(() -> deliver(integration(url, PayloadFormat.ZSENTINEL, Duration.ofSeconds(5), null, 1)))
                .hasCauseInstanceOf(DeliveryFailedException.class);
        assertThat(receiver.requests).hasSize(1);
    }

    @Test
    void secretsMustBeStandardWebhooksSecrets() {
        assertThat(WebhookSecret.decode("whsec_" + Base64.getEncoder().encodeToString(key)))
                .isEqualTo(key);
        assertThatThrownBy(() -> WebhookSecret.decode("secret")).hasMessageContaining("whsec_");
        assertThatThrownBy(() ->
                        WebhookSecret.decode("whsec_" + Base64.getEncoder().encodeToString(new byte[8])))
                .hasMessageContaining("24..64");
        assertThatThrownBy(() -> WebhookSecret.decode("whsec_***")).hasMessageContaining("base64");
    }

    @Test
    void theOwnPayloadHasEveryFieldItsSchemaRequires() throws Exception {
        JsonObject schema;
        try (InputStream in = getClass().getResourceAsStream("/schemas/zsentinel.alerting.webhook.v1.json")) {
            schema = new JsonObject(new String(in.readAllBytes()));
        }
        var n = new io.zsentinel.alerting.notify.Notification(
                "msg_1", "hook", "g", Map.of("cluster", "lab"), alerts, java.time.Instant.now());
        JsonObject body = new JsonObject(new String(Payloads.render(PayloadFormat.ZSENTINEL, n, null)));
        assertThat(body.fieldNames())
                .containsAll(schema.getJsonArray("required").getList());
        JsonObject alertSchema =
                schema.getJsonObject("properties").getJsonObject("alerts").getJsonObject("items");
        assertThat(body.getJsonArray("alerts").getJsonObject(0).fieldNames())
                .containsAll(alertSchema.getJsonArray("required").getList());
        assertThat(schema.getJsonObject("properties").fieldNames()).containsAll(body.fieldNames());
        assertThat(alertSchema.getJsonObject("properties").fieldNames())
                .containsAll(body.getJsonArray("alerts").getJsonObject(0).fieldNames());
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }
}
