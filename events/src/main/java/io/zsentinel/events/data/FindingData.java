package io.zsentinel.events.data;

import java.time.Instant;
import java.util.Map;

/**
 * {@code zsentinel.finding}: one finding of the collector in its lifecycle. {@code name} is
 * one of {@code rpo.breached, chain.at_risk, chain.broken, job.failing, job.stalled,
 * drill.failed, drill.overdue, executor.silent, space.low, space.forecast}; {@code status} is {@code firing} or
 * {@code resolved}; {@code fingerprint} is {@link io.zsentinel.events.Fingerprint} over the
 * labels (which include {@code alertname}); {@code endsAt} is set once resolved.
 */
public record FindingData(
        String fingerprint,
        String name,
        String status,
        String severity,
        Map<String, String> labels,
        Map<String, String> annotations,
        String summary,
        Instant startsAt,
        Instant endsAt,
        Double value)
        implements EventData {
    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";

    public FindingData {
        Require.text(fingerprint, "fingerprint");
        Require.text(name, "name");
        if (!FIRING.equals(status) && !RESOLVED.equals(status)) {
            throw new IllegalArgumentException("field 'status' must be 'firing' or 'resolved', got " + status);
        }
        Require.text(severity, "severity");
        labels = Require.map(labels);
        annotations = Require.map(annotations);
        Require.text(summary, "summary");
        Require.present(startsAt, "startsAt");
    }

    public boolean firing() {
        return FIRING.equals(status);
    }

    @Override
    public String hostName() {
        return labels.get("node");
    }
}
