package io.zsentinel.alerting.notify;

import io.zsentinel.alerting.nflog.NflogEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * What one flush of one aggregation group to one receiver knows; later stages read what
 * earlier ones decided (dedup's sets, the notification id). {@link #writes} collects the Kafka
 * writes (audit, nflog) that must be acknowledged before the findings' offsets may be committed.
 */
public final class FlushContext {
    private final String groupKey;
    private final Map<String, String> groupLabels;
    private final String receiver;
    private final Instant now;
    private final Duration repeatInterval;
    private final List<CompletableFuture<?>> writes = new ArrayList<>();
    private NflogEntry previous;
    private Set<String> firing = Set.of();
    private Set<String> resolved = Set.of();
    private DedupDecision.Reason dedupReason;
    private String notificationId;

    public FlushContext(
            String groupKey, Map<String, String> groupLabels, String receiver, Instant now, Duration repeatInterval) {
        this.groupKey = groupKey;
        this.groupLabels = Map.copyOf(groupLabels);
        this.receiver = receiver;
        this.now = now;
        this.repeatInterval = repeatInterval;
    }

    public String groupKey() {
        return groupKey;
    }

    public Map<String, String> groupLabels() {
        return groupLabels;
    }

    public String receiver() {
        return receiver;
    }

    public Instant now() {
        return now;
    }

    public Duration repeatInterval() {
        return repeatInterval;
    }

    public synchronized void addWrite(CompletableFuture<?> write) {
        writes.add(write);
    }

    /** Completes when every write of this flush is acknowledged; fails if one failed. */
    public synchronized CompletableFuture<Void> writesDone() {
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
    }

    public NflogEntry previous() {
        return previous;
    }

    public Set<String> firing() {
        return firing;
    }

    public Set<String> resolved() {
        return resolved;
    }

    public DedupDecision.Reason dedupReason() {
        return dedupReason;
    }

    public String notificationId() {
        return notificationId;
    }

    void deduplicated(
            NflogEntry previous,
            Set<String> firing,
            Set<String> resolved,
            DedupDecision.Reason reason,
            String notificationId) {
        this.previous = previous;
        this.firing = Set.copyOf(firing);
        this.resolved = Set.copyOf(resolved);
        this.dedupReason = reason;
        this.notificationId = notificationId;
    }
}
