package io.zsentinel.common.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What every service serves besides its own API: {@code /metrics} (Prometheus text),
 * {@code /health/live} (the process answers) and {@code /health/ready} (200 only when every
 * readiness check passes; the body names each check).
 */
public final class OpsRoutes {
    private OpsRoutes() {}

    public static void mount(
            Router router, PrometheusMeterRegistry registry, Map<String, Supplier<Boolean>> readiness) {
        router.get("/metrics")
                .handler(ctx -> ctx.response()
                        .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                        .end(registry.scrape()));
        router.get("/health/live")
                .handler(ctx -> ctx.response()
                        .putHeader("content-type", "application/json")
                        .end(new JsonObject().put("status", "UP").encode()));
        router.get("/health/ready").handler(ctx -> {
            JsonObject checks = new JsonObject();
            boolean ready = true;
            for (Map.Entry<String, Supplier<Boolean>> check : readiness.entrySet()) {
                boolean ok = Boolean.TRUE.equals(safely(check.getValue()));
                checks.put(check.getKey(), ok ? "UP" : "DOWN");
                ready &= ok;
            }
            ctx.response()
                    .setStatusCode(ready ? 200 : 503)
                    .putHeader("content-type", "application/json")
                    .end(new JsonObject()
                            .put("status", ready ? "UP" : "DOWN")
                            .put("checks", checks)
                            .encode());
        });
    }

    private static Boolean safely(Supplier<Boolean> check) {
        try {
            return check.get();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
