package io.zsentinel.collector.finding;

import java.util.Map;

/**
 * A finding's condition holds right now for {@code subject} (job key, pool key or executor id).
 * {@code labels} identify it (they include {@code alertname} and never a changing value);
 * {@code annotations}, {@code summary} and {@code value} describe it as of now.
 */
public record Condition(
        String subject,
        String name,
        String severity,
        Map<String, String> labels,
        Map<String, String> annotations,
        String summary,
        Double value) {
    public Condition {
        if (!name.equals(labels.get("alertname"))) {
            throw new IllegalArgumentException("labels of " + name + " must carry alertname=" + name);
        }
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }
}
