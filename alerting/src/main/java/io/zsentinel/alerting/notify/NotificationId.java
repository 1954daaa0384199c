package io.zsentinel.alerting.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;

/**
 * The idempotency key of a notification ({@code webhook-id}): the same across retries and
 * across a restart that re-sends what was not yet recorded in the nflog (same group, receiver,
 * alert sets and previous log entry), different for a later repeat.
 */
public final class NotificationId {
    private NotificationId() {}

    public static String of(
            String groupKey, String receiver, Set<String> firing, Set<String> resolved, Instant previousTimestamp) {
        String canonical = String.join(
                "\n",
                receiver,
                groupKey,
                String.join(",", new TreeSet<>(firing)),
                String.join(",", new TreeSet<>(resolved)),
                previousTimestamp == null ? "-" : previousTimestamp.toString());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return "msg_" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
