package io.zsentinel.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.zsentinel.events.EventCodec;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A zsentinel service's JSON API as the CLI calls it: one request, the body as JSON, and an
 * {@link IOException} that says what an operator can do when the service is down or answers
 * with an error (the APIs give the reason as {@code {"error": ...}}).
 */
final class HttpApi {
    private static final Duration CONNECT = Duration.ofSeconds(5);
    private static final Duration ANSWER = Duration.ofSeconds(10);

    private final URI base;
    private final String service;
    private final String option;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(CONNECT).build();

    /**
     * @param service what answers there ("the collector"), for messages
     * @param option the CLI option that sets {@code base}, for messages
     */
    HttpApi(URI base, String service, String option) {
        this.base = base;
        this.service = service;
        this.option = option;
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), 200);
    }

    JsonNode post(String path, JsonNode body) throws IOException, InterruptedException {
        return send(
                HttpRequest.newBuilder(base.resolve(path))
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                EventCodec.mapper().writeValueAsString(body))),
                201);
    }

    JsonNode delete(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE(), 200);
    }

    private JsonNode send(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
        HttpRequest built = request.timeout(ANSWER).build();
        HttpResponse<String> response;
        try {
            response = client.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new IOException(
                    service + " does not answer at " + built.uri() + " (is zsentinel running? " + option + " URL)", e);
        }
        if (response.statusCode() != expected) {
            String why = "";
            try {
                why = EventCodec.mapper()
                        .readTree(response.body())
                        .path("error")
                        .asText("");
            } catch (IOException notJson) {
                // no reason given
            }
            throw new IOException(built.method() + " " + built.uri() + " answered " + response.statusCode()
                    + (why.isEmpty() ? "" : ": " + why));
        }
        return EventCodec.mapper().readTree(response.body());
    }
}
