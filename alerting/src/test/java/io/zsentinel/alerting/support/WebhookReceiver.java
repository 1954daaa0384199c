package io.zsentinel.alerting.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.zsentinel.alerting.webhook.WebhookSignature;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on loopback that plays a webhook consumer: verifies the Standard Webhooks
 * signature of every request and answers the first {@code failFirst} with {@code failStatus}.
 */
public final class WebhookReceiver implements AutoCloseable {
    public record Request(
            String id, String timestamp, boolean signatureValid, JsonObject body, Instant at, int answered) {}

    public final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft;
    private final int failStatus;
    private final String retryAfter;
    private final HttpServer server;
    private volatile boolean hang;

    public WebhookReceiver(
            Vertx vertx, byte[] key, int failFirst, int failStatus, String retryAfter, HttpServerOptions options) {
        this.failuresLeft = new AtomicInteger(failFirst);
        this.failStatus = failStatus;
        this.retryAfter = retryAfter;
        this.server = vertx.createHttpServer(options)
                .requestHandler(req -> req.body().onSuccess(buffer -> {
                    byte[] body = buffer.getBytes();
                    boolean valid = WebhookSignature.verify(
                            key,
                            req.getHeader(WebhookSignature.ID),
                            req.getHeader(WebhookSignature.TIMESTAMP),
                            body,
                            req.getHeader(WebhookSignature.SIGNATURE));
                    if (hang) {
                        requests.add(new Request(
                                req.getHeader(WebhookSignature.ID),
                                req.getHeader(WebhookSignature.TIMESTAMP),
                                valid,
                                buffer.toJsonObject(),
                                Instant.now(),
                                0));
                        return;
                    }
                    int status = !valid ? 401 : failuresLeft.getAndDecrement() > 0 ? failStatus : 204;
                    requests.add(new Request(
                            req.getHeader(WebhookSignature.ID),
                            req.getHeader(WebhookSignature.TIMESTAMP),
                            valid,
                            buffer.toJsonObject(),
                            Instant.now(),
                            status));
                    var response = req.response().setStatusCode(status);
                    if (status != 204 && retryAfter != null) {
                        response.putHeader("retry-after", retryAfter);
                    }
                    response.end();
                }))
                .listen(0, "127.0.0.1")
                .await();
    }

    public WebhookReceiver(Vertx vertx, byte[] key, int failFirst, int failStatus, String retryAfter) {
        this(vertx, key, failFirst, failStatus, retryAfter, new HttpServerOptions());
    }

    /** Take requests and never answer (to test timeouts). */
    public WebhookReceiver hang() {
        hang = true;
        return this;
    }

    public int port() {
        return server.actualPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port() + "/hook";
    }

    @Override
    public void close() {
        server.close().await();
    }
}
