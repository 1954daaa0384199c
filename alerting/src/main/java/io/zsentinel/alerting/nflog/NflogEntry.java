package io.zsentinel.alerting.nflog;

import java.time.Instant;
import java.util.Set;

/**
 * What was last notified for one group to one receiver: the fingerprints that were firing
 * and resolved in that notification, and when. Kept in the compacted nflog topic under
 * {@link #key()}; an entry past {@code expiresAt} is forgotten (tombstoned).
 */
public record NflogEntry(
        String groupKey,
        String receiver,
        Set<String> firing,
        Set<String> resolved,
        Instant timestamp,
        Instant expiresAt,
        String notificationId) {
    public NflogEntry {
        firing = Set.copyOf(firing);
        resolved = Set.copyOf(resolved);
    }

    public String key() {
        return key(groupKey, receiver);
    }

    public static String key(String groupKey, String receiver) {
        return receiver + "|" + groupKey;
    }
}
