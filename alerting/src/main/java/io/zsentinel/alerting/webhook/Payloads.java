package io.zsentinel.alerting.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zsentinel.alerting.model.Alert;
import io.zsentinel.alerting.notify.Notification;
import io.zsentinel.events.EventCodec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Builds webhook bodies. Pure: a notification in, bytes out. */
public final class Payloads {
    public static final String SCHEMA_VERSION = "1";
    private static final ObjectMapper MAPPER = EventCodec.mapper();
    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private Payloads() {}

    public static byte[] render(PayloadFormat format, Notification n, String externalUrl) {
        ObjectNode body =
                format == PayloadFormat.ALERTMANAGER ? alertmanager(n, externalUrl) : zsentinel(n, externalUrl);
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode zsentinel(Notification n, String externalUrl) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", SCHEMA_VERSION);
        root.put("id", n.id());
        root.put("receiver", n.receiver());
        root.put("status", n.status());
        root.put("groupKey", n.groupKey());
        root.set("groupLabels", MAPPER.valueToTree(n.groupLabels()));
        root.set("commonLabels", MAPPER.valueToTree(common(n.alerts(), Alert::labels)));
        root.put("sentAt", n.createdAt().toString());
        if (externalUrl != null) {
            root.put("externalURL", externalUrl);
        }
        var alerts = root.putArray("alerts");
        for (Alert a : n.alerts()) {
            ObjectNode alert = alerts.addObject();
            alert.put("fingerprint", a.fingerprint());
            alert.put("name", a.name());
            alert.put("status", a.status());
            alert.put("severity", a.severity());
            alert.put("summary", a.summary());
            alert.set("labels", MAPPER.valueToTree(a.labels()));
            alert.set("annotations", MAPPER.valueToTree(a.annotations()));
            alert.put("startsAt", a.startsAt().toString());
            if (a.endsAt() != null) {
                alert.put("endsAt", a.endsAt().toString());
            } else {
                alert.putNull("endsAt");
            }
            if (a.value() != null) {
                alert.put("value", a.value());
            } else {
                alert.putNull("value");
            }
        }
        return root;
    }

    static ObjectNode alertmanager(Notification n, String externalUrl) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", "4");
        root.put("groupKey", n.groupKey());
        root.put("truncatedAlerts", 0);
        root.put("status", n.status());
        root.put("receiver", n.receiver());
        root.set("groupLabels", MAPPER.valueToTree(n.groupLabels()));
        root.set("commonLabels", MAPPER.valueToTree(common(n.alerts(), Alert::labels)));
        root.set("commonAnnotations", MAPPER.valueToTree(common(n.alerts(), Payloads::annotationsWithSummary)));
        root.put("externalURL", externalUrl == null ? "" : externalUrl);
        var alerts = root.putArray("alerts");
        for (Alert a : n.alerts()) {
            ObjectNode alert = alerts.addObject();
            alert.put("status", a.status());
            Map<String, String> labels = new HashMap<>(a.labels());
            labels.putIfAbsent("severity", a.severity());
            alert.set("labels", MAPPER.valueToTree(new java.util.TreeMap<>(labels)));
            alert.set("annotations", MAPPER.valueToTree(annotationsWithSummary(a)));
            alert.put("startsAt", a.startsAt().toString());
            alert.put("endsAt", a.endsAt() == null ? ZERO_TIME : a.endsAt().toString());
            alert.put("generatorURL", externalUrl == null ? "" : externalUrl);
            alert.put("fingerprint", a.fingerprint());
        }
        return root;
    }

    private static Map<String, String> annotationsWithSummary(Alert a) {
        Map<String, String> annotations = new java.util.TreeMap<>(a.annotations());
        annotations.putIfAbsent("summary", a.summary());
        return annotations;
    }

    /** The entries every alert has with the same value. */
    static Map<String, String> common(List<Alert> alerts, Function<Alert, Map<String, String>> field) {
        if (alerts.isEmpty()) {
            return Map.of();
        }
        Map<String, String> common = new java.util.TreeMap<>(field.apply(alerts.get(0)));
        for (Alert a : alerts.subList(1, alerts.size())) {
            Map<String, String> other = field.apply(a);
            common.entrySet().removeIf(e -> !e.getValue().equals(other.get(e.getKey())));
        }
        return common;
    }
}
