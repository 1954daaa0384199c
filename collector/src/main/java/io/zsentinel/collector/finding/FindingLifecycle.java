package io.zsentinel.collector.finding;

import io.zsentinel.events.Fingerprint;
import io.zsentinel.events.data.FindingData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the conditions that hold now into the findings contract's lifecycle: {@code firing} when
 * a condition starts, {@code firing} again at most every resend interval while it lasts (and at
 * once when its severity changes), {@code resolved} once when it ends. Pure: the caller keeps
 * the active episodes (per subject, by finding name) and passes them back next time.
 */
public final class FindingLifecycle {
    private FindingLifecycle() {}

    /**
     * @param active the subject's active episodes by finding name
     * @param conditions the conditions that hold now, at most one per name
     * @param resendMs re-publish an unchanged firing finding after this long
     */
    public static Step step(Map<String, Episode> active, List<Condition> conditions, long nowMs, long resendMs) {
        Instant now = Instant.ofEpochMilli(nowMs);
        Map<String, Episode> next = new TreeMap<>();
        List<Emission> emissions = new ArrayList<>();
        Map<String, Condition> byName = new HashMap<>();
        for (Condition c : conditions) {
            if (byName.put(c.name(), c) != null) {
                throw new IllegalArgumentException("two conditions named " + c.name() + " for " + c.subject());
            }
        }
        for (Map.Entry<String, Episode> entry : active.entrySet()) {
            Episode episode = entry.getValue();
            Condition c = byName.get(entry.getKey());
            if (c == null || !sameLabels(c, episode)) {
                emissions.add(new Emission(episode.subject(), resolved(episode.last(), now)));
            }
        }
        for (Condition c : conditions) {
            Episode previous = active.get(c.name());
            boolean continues = previous != null && sameLabels(c, previous);
            String fingerprint = continues ? previous.fingerprint() : Fingerprint.of(c.labels());
            Instant startsAt = continues ? previous.last().startsAt() : now;
            FindingData current = new FindingData(
                    fingerprint,
                    c.name(),
                    FindingData.FIRING,
                    c.severity(),
                    c.labels(),
                    c.annotations(),
                    c.summary(),
                    startsAt,
                    null,
                    c.value());
            boolean due = !continues
                    || nowMs - previous.lastSentMs() >= resendMs
                    || !previous.last().severity().equals(c.severity());
            if (due) {
                emissions.add(new Emission(c.subject(), current));
                next.put(c.name(), new Episode(c.subject(), current, nowMs));
            } else {
                // keep what was last published: unchanged state is not rewritten every evaluation
                next.put(c.name(), previous);
            }
        }
        long nextResend = Long.MAX_VALUE;
        for (Episode e : next.values()) {
            nextResend = Math.min(nextResend, e.lastSentMs() + resendMs);
        }
        return new Step(next, emissions, nextResend);
    }

    /**
     * Same labels, same fingerprint: comparing the labels spares hashing them at every evaluation
     * (the fingerprint is computed once, when an episode starts).
     */
    private static boolean sameLabels(Condition c, Episode episode) {
        return c.labels().equals(episode.last().labels());
    }

    private static FindingData resolved(FindingData last, Instant now) {
        return new FindingData(
                last.fingerprint(),
                last.name(),
                FindingData.RESOLVED,
                last.severity(),
                last.labels(),
                last.annotations(),
                last.summary(),
                last.startsAt(),
                now,
                last.value());
    }

    /**
     * @param active the episodes to keep for next time
     * @param emissions what to publish now, resolutions first
     * @param nextResendMs when the earliest active finding is due again (MAX_VALUE when none)
     */
    public record Step(Map<String, Episode> active, List<Emission> emissions, long nextResendMs) {}
}
