package io.zsentinel.alerting.webhook;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.zsentinel.alerting.notify.Attempt;
import io.zsentinel.alerting.notify.FailureReason;
import io.zsentinel.alerting.notify.Notification;
import io.zsentinel.alerting.notify.Notifier;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Posts a notification to one URL with Standard Webhooks headers. One call, one attempt; the
 * {@code webhook-id} is the notification id, so a receiver can drop retries it already took.
 * Redirects are not followed.
 */
public final class WebhookNotifier implements Notifier, AutoCloseable {
    private final WebClient client;
    private final String url;
    private final byte[] key;
    private final PayloadFormat format;
    private final Duration timeout;
    private final String externalUrl;
    private final Clock clock;

    public WebhookNotifier(
            Vertx vertx,
            String url,
            byte[] key,
            PayloadFormat format,
            Duration timeout,
            Path caFile,
            String externalUrl,
            Clock clock) {
        WebClientOptions options = new WebClientOptions()
                .setFollowRedirects(false)
                .setUserAgent("zsentinel-alerting")
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        if (caFile != null) {
            options.setTrustOptions(new PemTrustOptions().addCertPath(caFile.toString()));
        }
        // groups flush independently: allow some parallel requests to one endpoint
        this.client = WebClient.create(vertx, options, new PoolOptions().setHttp1MaxSize(16));
        this.url = url;
        this.key = key.clone();
        this.format = format;
        this.timeout = timeout;
        this.externalUrl = externalUrl;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<Attempt> send(Notification notification, int attempt) {
        byte[] body = Payloads.render(format, notification, externalUrl);
        long timestamp = clock.instant().getEpochSecond();
        CompletableFuture<Attempt> result = new CompletableFuture<>();
        client.postAbs(url)
                .timeout(timeout.toMillis())
                .putHeader("content-type", "application/json")
                .putHeader(WebhookSignature.ID, notification.id())
                .putHeader(WebhookSignature.TIMESTAMP, Long.toString(timestamp))
                .putHeader(WebhookSignature.SIGNATURE, WebhookSignature.sign(key, notification.id(), timestamp, body))
                .sendBuffer(Buffer.buffer(body))
                .onComplete(ar -> result.complete(ar.succeeded() ? classify(ar.result()) : classify(ar.cause())));
        return result;
    }

    private Attempt classify(HttpResponse<Buffer> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Attempt.Delivered(status, null);
        }
        String body = response.bodyAsString();
        String detail = "HTTP " + status + (body == null || body.isBlank() ? "" : ": " + abbreviate(body));
        return new Attempt.Failed(
                FailureReason.ofHttpStatus(status),
                status,
                RetryAfter.parse(response.getHeader("retry-after"), clock.instant()),
                detail);
    }

    static Attempt classify(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            if (cause instanceof TimeoutException || cause instanceof SSLException) {
                break;
            }
            cause = cause.getCause();
        }
        FailureReason reason;
        if (cause instanceof TimeoutException
                || String.valueOf(error.getMessage()).toLowerCase().contains("timeout")) {
            reason = FailureReason.TIMEOUT;
        } else if (cause instanceof ConnectException
                || cause instanceof UnknownHostException
                || cause instanceof SSLException
                || cause instanceof java.io.IOException) {
            reason = FailureReason.CONNECTION;
        } else {
            reason = FailureReason.CONNECTION;
        }
        return new Attempt.Failed(reason, 0, null, error.toString());
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
    }

    @Override
    public void close() {
        client.close();
    }
}
