package io.zsentinel.alerting.support;

import io.zsentinel.alerting.model.Alert;
import io.zsentinel.events.Fingerprint;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tiny notation for alerts in tests: {@code Alerts.firing("rpo.breached", "job=lab/101-0", "cluster=lab")}. */
public final class Alerts {
    public static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    private Alerts() {}

    public static Map<String, String> labels(String name, String... pairs) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", name);
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            labels.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return labels;
    }

    public static Alert firing(String name, String... pairs) {
        Map<String, String> labels = labels(name, pairs);
        return new Alert(
                Fingerprint.of(labels), labels, Map.of(), "critical", name + " " + labels, T0, null, 1.0, false);
    }

    public static Alert firingAt(Instant startsAt, String name, String... pairs) {
        Alert a = firing(name, pairs);
        return new Alert(
                a.fingerprint(), a.labels(), a.annotations(), a.severity(), a.summary(), startsAt, null, 1.0, false);
    }

    public static Alert resolved(Alert alert, Instant at) {
        return new Alert(
                alert.fingerprint(),
                alert.labels(),
                alert.annotations(),
                alert.severity(),
                alert.summary(),
                alert.startsAt(),
                at,
                alert.value(),
                true);
    }
}
