package io.zsentinel.alerting.config;

import io.zsentinel.alerting.notify.Backoff;
import io.zsentinel.alerting.webhook.PayloadFormat;
import java.nio.file.Path;
import java.time.Duration;

/** {@code alerting.receivers.<name>.webhook}. {@code key} is the decoded whsec_ secret. */
public record WebhookReceiverConfig(
        String name,
        String url,
        byte[] key,
        PayloadFormat payload,
        Duration timeout,
        boolean sendResolved,
        int maxAttempts,
        Backoff backoff,
        Path caFile)
        implements ReceiverConfig {

    @Override
    public String toString() {
        return "WebhookReceiverConfig[" + name + " -> " + url + ", " + payload + "]";
    }
}
