package io.zsentinel.alerting.nflog;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The notification log: read synchronously from memory, written through to durable storage. */
public interface NotificationLog {
    Optional<NflogEntry> get(String groupKey, String receiver);

    /** Stores the entry; the future completes once it is durable. */
    CompletableFuture<Void> put(NflogEntry entry);
}
