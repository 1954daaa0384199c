package io.zsentinel.alerting.zabbix;

import com.fasterxml.jackson.databind.JsonNode;
import io.zsentinel.events.EventCodec;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The trapper's answer: {@code response} is "success" even when values failed, so the counts
 * come from {@code info}: {@code processed: 1; failed: 0; total: 1; seconds spent: 0.000060}.
 */
public record SenderResponse(boolean success, int processed, int failed, int total, String info) {
    private static final Pattern INFO =
            Pattern.compile("processed:\\s*(\\d+);\\s*failed:\\s*(\\d+);\\s*total:\\s*(\\d+)");

    public static SenderResponse parse(byte[] json) throws IOException {
        JsonNode root = EventCodec.mapper().readTree(json);
        if (root == null || !root.isObject()) {
            throw new IOException("the answer is not a JSON object");
        }
        boolean success = "success".equals(root.path("response").asText());
        String info = root.path("info").asText("");
        Matcher m = INFO.matcher(info);
        if (!m.find()) {
            return new SenderResponse(success, 0, 0, 0, info);
        }
        return new SenderResponse(
                success,
                Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)),
                info);
    }

    public SenderResponse plus(SenderResponse other) {
        return new SenderResponse(
                success && other.success,
                processed + other.processed,
                failed + other.failed,
                total + other.total,
                other.info);
    }
}
