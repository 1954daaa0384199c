package io.zsentinel.events.data;

import java.time.Instant;

/**
 * {@code zsentinel.command.run-now} / {@code zsentinel.command.resync}, on
 * {@code zsentinel.commands}. {@code commandId} is the idempotency key; {@code signature} is
 * {@link io.zsentinel.events.CommandSigner}'s HMAC over the other fields.
 */
public record CommandData(
        String commandId,
        String action,
        String job,
        String issuedBy,
        String reason,
        Instant issuedAt,
        Instant expiresAt,
        boolean dryRun,
        String signature)
        implements EventData {
    public static final String RUN_NOW = "run-now";
    public static final String RESYNC = "resync";

    public CommandData {
        Require.text(commandId, "commandId");
        if (!RUN_NOW.equals(action) && !RESYNC.equals(action)) {
            throw new IllegalArgumentException("field 'action' must be 'run-now' or 'resync', got " + action);
        }
        Require.text(job, "job");
        Require.text(issuedBy, "issuedBy");
        Require.present(issuedAt, "issuedAt");
        Require.present(expiresAt, "expiresAt");
    }

    public CommandData withSignature(String newSignature) {
        return new CommandData(commandId, action, job, issuedBy, reason, issuedAt, expiresAt, dryRun, newSignature);
    }

    @Override
    public String hostName() {
        return null;
    }
}
