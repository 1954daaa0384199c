package io.zsentinel.alerting.model;

import io.zsentinel.events.data.FindingData;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One finding as alerting sees it: identified by its fingerprint, firing or resolved. Labels
 * are kept sorted so that group keys, payloads and hashes are the same in every process.
 */
public record Alert(
        String fingerprint,
        Map<String, String> labels,
        Map<String, String> annotations,
        String severity,
        String summary,
        Instant startsAt,
        Instant endsAt,
        Double value,
        boolean resolved) {

    public Alert {
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        annotations = Collections.unmodifiableMap(new TreeMap<>(annotations == null ? Map.of() : annotations));
    }

    public static Alert fromFinding(FindingData finding) {
        return new Alert(
                finding.fingerprint(),
                finding.labels(),
                finding.annotations(),
                finding.severity(),
                finding.summary(),
                finding.startsAt(),
                finding.endsAt(),
                finding.value(),
                !finding.firing());
    }

    /**
     * What routes, inhibition rules and silences match on: the labels plus {@code severity}
     * (which the collector keeps out of the labels because it may change during an episode,
     * but which operators route on). Grouping uses {@link #labels()} only.
     */
    public Map<String, String> matchLabels() {
        if (severity == null || labels.containsKey("severity")) {
            return labels;
        }
        Map<String, String> result = new TreeMap<>(labels);
        result.put("severity", severity);
        return Collections.unmodifiableMap(result);
    }

    /** The finding name ({@code alertname} label). */
    public String name() {
        return labels.getOrDefault("alertname", "");
    }

    public String label(String name) {
        return labels.get(name);
    }

    public String status() {
        return resolved ? FindingData.RESOLVED : FindingData.FIRING;
    }
}
