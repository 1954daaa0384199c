package io.zsentinel.alerting.notify;

import io.zsentinel.alerting.model.Alert;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a notifier sends: one group's alerts for one receiver. {@code id} is the idempotency key
 * (same across retries); {@code status} is {@code firing} when any alert fires.
 */
public record Notification(
        String id,
        String receiver,
        String groupKey,
        Map<String, String> groupLabels,
        List<Alert> alerts,
        Instant createdAt) {
    public Notification {
        groupLabels = Map.copyOf(groupLabels);
        alerts = List.copyOf(alerts);
    }

    public String status() {
        return alerts.stream().anyMatch(a -> !a.resolved()) ? "firing" : "resolved";
    }

    public List<Alert> firing() {
        return alerts.stream().filter(a -> !a.resolved()).toList();
    }

    public List<Alert> resolvedAlerts() {
        return alerts.stream().filter(Alert::resolved).toList();
    }
}
