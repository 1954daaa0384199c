package io.zsentinel.alerting.zabbix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zsentinel.events.EventCodec;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Against a loopback trapper that rejects values of host "unknown", like Zabbix does. */
class ZabbixSenderTest {
    @Test
    void sendsOneConnectionPerBatchAndAddsUpTheCounts() throws Exception {
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        List<Boolean> compressed = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket(0)) {
            Thread trapper = new Thread(() -> serve(server, batchSizes, compressed));
            trapper.setDaemon(true);
            trapper.start();
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            ZabbixSender sender =
                    new ZabbixSender("127.0.0.1", server.getLocalPort(), true, Duration.ofSeconds(5), registry);
            List<ZabbixValue> values = new java.util.ArrayList<>(ZabbixFrameTest.values(598));
            values.add(new ZabbixValue("unknown", "k", "1", null));
            values.add(new ZabbixValue("unknown", "k", "2", null));

            SenderResponse response = sender.send(values);

            assertThat(batchSizes).containsExactly(250, 250, 100);
            assertThat(compressed).containsOnly(true);
            assertThat(response)
                    .extracting(SenderResponse::processed, SenderResponse::failed, SenderResponse::total)
                    .containsExactly(598, 2, 600);
            assertThat(registry.counter("zsentinel.alerting.zabbix.values", "outcome", "failed")
                            .count())
                    .isEqualTo(2.0);
        }
    }

    private static void serve(ServerSocket server, List<Integer> sizes, List<Boolean> compressed) {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                var in = new java.io.BufferedInputStream(socket.getInputStream());
                in.mark(5);
                byte[] head = in.readNBytes(5);
                compressed.add((head[4] & ZabbixFrame.FLAG_COMPRESSED) != 0);
                in.reset();
                JsonNode request = EventCodec.mapper().readTree(ZabbixFrame.decode(in));
                int total = request.get("data").size();
                int failed = 0;
                for (JsonNode v : request.get("data")) {
                    failed += v.get("host").asText().equals("unknown") ? 1 : 0;
                }
                sizes.add(total);
                String info = "processed: " + (total - failed) + "; failed: " + failed + "; total: " + total
                        + "; seconds spent: 0.000100";
                socket.getOutputStream()
                        .write(ZabbixFrame.encode(
                                ("{\"response\":\"success\",\"info\":\"" + info + "\"}")
                                        .getBytes(StandardCharsets.UTF_8),
                                false));
            } catch (IOException e) {
                return;
            }
        }
    }
}
