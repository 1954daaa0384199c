package io.zsentinel.alerting.nflog;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** The log's memory; {@link KafkaNotificationLog} persists around it. Used alone in stage tests. */
public class InMemoryNotificationLog implements NotificationLog {
    private final Map<String, NflogEntry> entries = new ConcurrentHashMap<>();

    @Override
    public Optional<NflogEntry> get(String groupKey, String receiver) {
        return Optional.ofNullable(entries.get(NflogEntry.key(groupKey, receiver)));
    }

    @Override
    public CompletableFuture<Void> put(NflogEntry entry) {
        entries.put(entry.key(), entry);
        return CompletableFuture.completedFuture(null);
    }

    /** Loads an entry read back from storage (restart). */
    public void restore(NflogEntry entry) {
        entries.put(entry.key(), entry);
    }

    public void forget(String key) {
        entries.remove(key);
    }

    /** Keys of entries past their expiry. */
    public java.util.List<String> expired(java.time.Instant now) {
        return entries.values().stream()
                .filter(e -> e.expiresAt().isBefore(now))
                .map(NflogEntry::key)
                .toList();
    }

    public int size() {
        return entries.size();
    }
}
