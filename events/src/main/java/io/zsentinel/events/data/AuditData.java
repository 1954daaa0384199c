package io.zsentinel.events.data;

import java.util.Map;

/**
 * {@code zsentinel.audit}: who or what did something that matters to security or data safety:
 * a command issued, accepted or rejected, a resync step, every notification attempt.
 * {@code outcome} is {@code success}, {@code failure} or {@code unknown}.
 */
public record AuditData(
        String action, String actor, String outcome, String subject, String reason, Map<String, String> attributes)
        implements EventData {
    public AuditData {
        Require.text(action, "action");
        Require.text(actor, "actor");
        Require.text(outcome, "outcome");
        attributes = Require.map(attributes);
    }

    @Override
    public String hostName() {
        return attributes.get("node");
    }
}
