package io.zsentinel.collector.finding;

import io.zsentinel.events.data.FindingData;

/**
 * One active finding of a subject, from the moment it started firing until it resolves:
 * {@code startsAt} stays the same for the whole episode. {@code last} is what was last
 * published, so the resolved record repeats its labels and details.
 */
public record Episode(String subject, FindingData last, long lastSentMs) {
    public String fingerprint() {
        return last.fingerprint();
    }
}
