package io.zsentinel.launcher.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.zsentinel.events.EventCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The collector's REST API (collector/docs/api.md) as the test reads it. */
public final class CollectorApi {
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    /** One answer and the instants the request was sent and answered (the API computes the RPO in between). */
    public record Answer(JsonNode body, Instant sent, Instant received) {}

    public CollectorApi(int port) {
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    /** {@code GET /api/v1/jobs/{cluster}/{jobid}}; empty on 404 (unknown yet) or 503 (state not ready). */
    public Optional<Answer> job(String jobKey) {
        return get("/api/v1/jobs/" + jobKey);
    }

    private Optional<Answer> get(String path) {
        Instant sent = Instant.now();
        try {
            HttpResponse<String> r = client.send(
                    HttpRequest.newBuilder(base.resolve(path))
                            .timeout(Duration.ofSeconds(10))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Instant received = Instant.now();
            if (r.statusCode() == 404 || r.statusCode() == 503) {
                return Optional.empty();
            }
            if (r.statusCode() != 200) {
                throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            return Optional.of(new Answer(EventCodec.mapper().readTree(r.body()), sent, received));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
