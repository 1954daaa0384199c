package io.zsentinel.launcher.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.zsentinel.alerting.webhook.WebhookSignature;
import io.zsentinel.events.EventCodec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A Standard Webhooks endpoint on loopback: records every delivery with its headers, whether
 * its signature verifies against the shared key, and when it arrived. Always answers 204, so
 * the sender never retries and each recorded delivery is one notification.
 */
public final class WebhookReceiver implements AutoCloseable {
    private final HttpServer server;
    private final byte[] key;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    /** One POST as it arrived. {@code body} is null when it was not JSON. */
    public record Delivery(
            Instant receivedAt, String webhookId, String timestamp, boolean signatureValid, JsonNode body) {
        public String status() {
            return body == null ? null : body.path("status").asText(null);
        }

        /** The alert names (the {@code alertname} label) the notification carries. */
        public List<String> alertNames() {
            List<String> names = new ArrayList<>();
            if (body != null) {
                body.path("alerts")
                        .forEach(a -> names.add(a.path("labels")
                                .path("alertname")
                                .asText(a.path("name").asText())));
            }
            return names;
        }

        public boolean carries(String alertname, String alertStatus) {
            if (body == null) {
                return false;
            }
            for (JsonNode a : body.path("alerts")) {
                if (alertname.equals(a.path("labels")
                                .path("alertname")
                                .asText(a.path("name").asText()))
                        && alertStatus.equals(a.path("status").asText())) {
                    return true;
                }
            }
            return false;
        }

        public boolean carriesJob(String alertname, String alertStatus, String job) {
            if (body == null) {
                return false;
            }
            for (JsonNode a : body.path("alerts")) {
                if (alertname.equals(a.path("labels").path("alertname").asText())
                        && alertStatus.equals(a.path("status").asText())
                        && job.equals(a.path("labels").path("job").asText())) {
                    return true;
                }
            }
            return false;
        }

        /** {@code <alertname>:<status>} of every alert in the notification whose {@code job} label is {@code job}. */
        public List<String> alertsFor(String job) {
            List<String> alerts = new ArrayList<>();
            if (body != null) {
                for (JsonNode a : body.path("alerts")) {
                    if (job.equals(a.path("labels").path("job").asText())) {
                        alerts.add(a.path("labels").path("alertname").asText() + ":"
                                + a.path("status").asText());
                    }
                }
            }
            return alerts;
        }

        /** Carries this episode of the finding ({@code fingerprint} and {@code startsAt}) in that status. */
        public boolean carriesEpisode(String fingerprint, Instant startsAt, String alertStatus) {
            if (body == null) {
                return false;
            }
            for (JsonNode a : body.path("alerts")) {
                if (fingerprint.equals(a.path("fingerprint").asText())
                        && alertStatus.equals(a.path("status").asText())
                        && startsAt.equals(Instant.parse(a.path("startsAt").asText()))) {
                    return true;
                }
            }
            return false;
        }

        /**
         * What the notification says, independent of when and how often it was sent: group,
         * status and each alert's fingerprint, status and episode (startsAt, endsAt). Two
         * deliveries with the same identity tell the receiver the same thing twice.
         */
        public String identity() {
            if (body == null) {
                return "unparsed:" + webhookId;
            }
            List<String> alerts = new ArrayList<>();
            for (JsonNode a : body.path("alerts")) {
                alerts.add(a.path("fingerprint").asText() + "/"
                        + a.path("status").asText() + "/" + a.path("startsAt").asText() + "/"
                        + a.path("endsAt").asText());
            }
            alerts.sort(null);
            return body.path("groupKey").asText() + "|" + status() + "|" + String.join(",", alerts);
        }

        @Override
        public String toString() {
            return receivedAt + " " + webhookId + " " + status() + " " + alertNames()
                    + (signatureValid ? "" : " BAD SIGNATURE");
        }
    }

    private WebhookReceiver(byte[] key) throws IOException {
        this.key = key.clone();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", this::handle);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "e2e-webhook-receiver");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** Starts a receiver verifying signatures with {@code key} (the decoded whsec_ secret). */
    public static WebhookReceiver start(byte[] key) throws IOException {
        return new WebhookReceiver(key);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String id = exchange.getRequestHeaders().getFirst(WebhookSignature.ID);
            String timestamp = exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP);
            String signature = exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE);
            boolean valid = WebhookSignature.verify(key, id, timestamp, body, signature);
            JsonNode json;
            try {
                json = EventCodec.mapper().readTree(body);
            } catch (IOException e) {
                json = null;
            }
            deliveries.add(new Delivery(Instant.now(), id, timestamp, valid, json));
            exchange.sendResponseHeaders(204, -1);
        }
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    public List<Delivery> deliveries(Predicate<Delivery> filter) {
        return deliveries.stream().filter(filter).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
