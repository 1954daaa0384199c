package io.zsentinel.alerting.resync;

import java.time.Instant;

/** What the policy decided for one finding. */
public sealed interface ResyncDecision {
    /** Closed set of reasons; also the audit reason and a metric label. */
    enum Reason {
        NOT_CHAIN_BROKEN,
        NOT_FIRING,
        DISABLED,
        NO_JOB,
        NOT_ALLOWED,
        ALREADY_ISSUED,
        NO_SPACE,
        BLACKOUT,
        COOL_DOWN,
        MAX_CONCURRENT;

        public String label() {
            return name().toLowerCase();
        }
    }

    /** Order a resync. {@code commandId} is the idempotency key: one per job and chain-broken episode. */
    record Issue(String job, String commandId, Instant expiresAt, boolean dryRun, String reason)
            implements ResyncDecision {}

    /** Never resync this episode as it stands (alert a human); re-evaluated when the finding changes. */
    record Refuse(String job, Reason reason, String detail) implements ResyncDecision {}

    /** Nothing to do now; {@code deferred} ones are re-evaluated at the collector's next re-send. */
    record Skip(Reason reason, String detail) implements ResyncDecision {
        public boolean deferred() {
            return reason == Reason.BLACKOUT || reason == Reason.COOL_DOWN || reason == Reason.MAX_CONCURRENT;
        }
    }
}
