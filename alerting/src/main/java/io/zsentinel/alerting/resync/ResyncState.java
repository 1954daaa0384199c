package io.zsentinel.alerting.resync;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What the policy remembers: per job, when a resync was last issued and for which
 * chain-broken episode ({@code startsAt}), and whether it is still running (until the
 * finding resolves or {@code maxDuration} passes). In memory: after a restart the same
 * episode yields the same command id, which the executor deduplicates.
 */
public final class ResyncState {
    public record Issued(Instant issuedAt, Instant episode, boolean running) {}

    private final Map<String, Issued> byJob = new HashMap<>();

    public Issued get(String job) {
        return byJob.get(job);
    }

    public void issued(String job, Instant episode, Instant now) {
        byJob.put(job, new Issued(now, episode, true));
    }

    /** The chain is whole again (the finding resolved): the resync is done. */
    public void resolved(String job) {
        Issued issued = byJob.get(job);
        if (issued != null) {
            byJob.put(job, new Issued(issued.issuedAt(), issued.episode(), false));
        }
    }

    public int running(Instant now, Duration maxDuration) {
        int n = 0;
        for (Issued issued : byJob.values()) {
            if (issued.running() && now.isBefore(issued.issuedAt().plus(maxDuration))) {
                n++;
            }
        }
        return n;
    }
}
