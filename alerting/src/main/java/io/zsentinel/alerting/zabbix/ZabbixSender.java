package io.zsentinel.alerting.zabbix;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.zsentinel.events.EventCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A blocking sender-protocol client ({@code "request":"sender data"}): one TCP connection per
 * batch of at most {@value #BATCH} values, as zabbix_sender does. Failed values are counted
 * in {@code zsentinel.alerting.zabbix.values{outcome=failed}} and logged with the batch's keys
 * (the protocol does not say which value failed). Call it off the event loop.
 */
public final class ZabbixSender {
    public static final int BATCH = 250;
    private static final Logger LOG = LoggerFactory.getLogger(ZabbixSender.class);

    private final String host;
    private final int port;
    private final boolean compress;
    private final Duration timeout;
    private final MeterRegistry registry;

    public ZabbixSender(String host, int port, boolean compress, Duration timeout, MeterRegistry registry) {
        this.host = host;
        this.port = port;
        this.compress = compress;
        this.timeout = timeout;
        this.registry = registry;
    }

    /** Sends all values in batches; the counts add up over the batches. */
    public SenderResponse send(List<ZabbixValue> values) throws IOException {
        SenderResponse total = new SenderResponse(true, 0, 0, 0, "");
        for (List<ZabbixValue> batch : batches(values)) {
            SenderResponse response = sendBatch(batch);
            registry.counter("zsentinel.alerting.zabbix.values", "outcome", "processed")
                    .increment(response.processed());
            registry.counter("zsentinel.alerting.zabbix.values", "outcome", "failed")
                    .increment(response.failed());
            if (response.failed() > 0) {
                LOG.warn(
                        "Zabbix {}:{} rejected {} of {} values (unknown host or item, or not allowed): {}; keys {}",
                        host,
                        port,
                        response.failed(),
                        response.total(),
                        response.info(),
                        batch.stream()
                                .map(v -> v.host() + ":" + v.key())
                                .limit(20)
                                .toList());
            }
            total = total.plus(response);
        }
        return total;
    }

    static List<List<ZabbixValue>> batches(List<ZabbixValue> values) {
        List<List<ZabbixValue>> batches = new ArrayList<>();
        for (int i = 0; i < values.size(); i += BATCH) {
            batches.add(values.subList(i, Math.min(values.size(), i + BATCH)));
        }
        return batches;
    }

    static byte[] request(List<ZabbixValue> batch) throws IOException {
        ObjectNode root = EventCodec.mapper().createObjectNode();
        root.put("request", "sender data");
        ArrayNode data = root.putArray("data");
        for (ZabbixValue v : batch) {
            ObjectNode item = data.addObject();
            item.put("host", v.host());
            item.put("key", v.key());
            item.put("value", v.value());
            if (v.clock() != null) {
                item.put("clock", v.clock().getEpochSecond());
                item.put("ns", v.clock().getNano());
            }
        }
        return EventCodec.mapper().writeValueAsBytes(root);
    }

    private SenderResponse sendBatch(List<ZabbixValue> batch) throws IOException {
        try (Socket socket = new Socket()) {
            int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
            OutputStream out = socket.getOutputStream();
            out.write(ZabbixFrame.encode(request(batch), compress));
            out.flush();
            return SenderResponse.parse(ZabbixFrame.decode(socket.getInputStream()));
        }
    }

    @Override
    public String toString() {
        return "zabbix://" + host + ":" + port;
    }
}
