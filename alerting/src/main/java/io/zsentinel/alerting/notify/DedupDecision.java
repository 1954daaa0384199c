package io.zsentinel.alerting.notify;

import io.zsentinel.alerting.nflog.NflogEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Whether a group needs a notification to a receiver, given what was last sent (Alertmanager's
 * {@code needsUpdate}). Pure: values and the time in, a reason out. The reason is also the
 * metric label of the dedup stage.
 */
public final class DedupDecision {
    public enum Reason {
        /** Never notified and something fires. */
        FIRST_NOTIFICATION(true),
        /** Never notified and nothing fires: the receiver never heard of these alerts. */
        NOTHING_FIRING(false),
        /** An alert fires that was not firing in the last notification. */
        NEW_FIRING(true),
        /** Everything resolved: sent even without send_resolved, so the log forgets the firing set. */
        ALL_RESOLVED(true),
        /** Nothing fires now nor did at the last notification: fired and resolved in between. */
        RESOLVED_UNSEEN(false),
        /** send_resolved and an alert resolved since the last notification. */
        NEW_RESOLVED(true),
        /** Nothing changed but repeat_interval has passed. */
        REPEAT_DUE(true),
        /** Nothing changed and the last notification is recent. */
        UP_TO_DATE(false);

        private final boolean notify;

        Reason(boolean notify) {
            this.notify = notify;
        }

        public boolean notifies() {
            return notify;
        }
    }

    private DedupDecision() {}

    public static Reason needsUpdate(
            NflogEntry entry,
            Set<String> firing,
            Set<String> resolved,
            boolean sendResolved,
            Duration repeat,
            Instant now) {
        if (entry == null) {
            return firing.isEmpty() ? Reason.NOTHING_FIRING : Reason.FIRST_NOTIFICATION;
        }
        if (!entry.firing().containsAll(firing)) {
            return Reason.NEW_FIRING;
        }
        if (firing.isEmpty()) {
            return entry.firing().isEmpty() ? Reason.RESOLVED_UNSEEN : Reason.ALL_RESOLVED;
        }
        if (sendResolved && !entry.resolved().containsAll(resolved)) {
            return Reason.NEW_RESOLVED;
        }
        return entry.timestamp().plus(repeat).isAfter(now) ? Reason.UP_TO_DATE : Reason.REPEAT_DUE;
    }
}
