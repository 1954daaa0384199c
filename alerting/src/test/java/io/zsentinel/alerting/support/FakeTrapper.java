package io.zsentinel.alerting.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.zsentinel.alerting.zabbix.ZabbixFrame;
import io.zsentinel.events.EventCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback Zabbix trapper: records every value it receives and, like Zabbix, counts values
 * for hosts it does not know as failed.
 */
public final class FakeTrapper implements AutoCloseable {
    public record Value(String host, String key, String value) {}

    public final List<Value> values = new CopyOnWriteArrayList<>();
    public final List<Integer> batches = new CopyOnWriteArrayList<>();
    private final ServerSocket server;
    private final Set<String> knownHosts;

    public FakeTrapper(Set<String> knownHosts) throws IOException {
        this.knownHosts = knownHosts;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(this::serve, "fake-trapper");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public List<Value> byKey(String keyPrefix) {
        return values.stream().filter(v -> v.key().startsWith(keyPrefix)).toList();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                JsonNode request = EventCodec.mapper().readTree(ZabbixFrame.decode(socket.getInputStream()));
                int total = 0;
                int failed = 0;
                for (JsonNode v : request.get("data")) {
                    total++;
                    if (knownHosts.contains(v.get("host").asText())) {
                        values.add(new Value(
                                v.get("host").asText(),
                                v.get("key").asText(),
                                v.get("value").asText()));
                    } else {
                        failed++;
                    }
                }
                batches.add(total);
                String info = "processed: " + (total - failed) + "; failed: " + failed + "; total: " + total
                        + "; seconds spent: 0.000100";
                socket.getOutputStream()
                        .write(ZabbixFrame.encode(
                                ("{\"response\":\"success\",\"info\":\"" + info + "\"}")
                                        .getBytes(StandardCharsets.UTF_8),
                                false));
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
