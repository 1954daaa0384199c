package io.zsentinel.executor;

import io.zsentinel.events.CommandSigner;
import io.zsentinel.events.EventType;
import io.zsentinel.events.data.AuditData;
import io.zsentinel.events.data.CommandData;
import io.zsentinel.events.kafka.ReceivedEvent;
import io.zsentinel.executor.run.RunEvents;
import io.zsentinel.executor.state.ProcessedCommands;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Checks each command from {@code zsentinel.commands} before anything runs: it is for a job
 * this executor owns (others are not ours and are left alone), the type matches the action,
 * the HMAC signature is valid and not expired, and its id was never taken before (the id is
 * recorded durably first). Anything else is rejected and audited with the reason.
 */
final class CommandHandler {
    /** Why a command was not taken; also the audit reason. */
    enum Rejection {
        NO_SECRET,
        TYPE_MISMATCH,
        UNSIGNED,
        BAD_SIGNATURE,
        EXPIRED,
        NOT_YET_VALID,
        DUPLICATE
    }

    private final Set<String> ownedJobs;
    private final CommandSigner signer;
    private final ProcessedCommands processed;
    private final RunEvents events;
    private final Clock clock;
    private final BiConsumer<String, CommandData> accept;

    CommandHandler(
            Set<String> ownedJobs,
            CommandSigner signer,
            ProcessedCommands processed,
            RunEvents events,
            Clock clock,
            BiConsumer<String, CommandData> accept) {
        this.ownedJobs = ownedJobs;
        this.signer = signer;
        this.processed = processed;
        this.events = events;
        this.clock = clock;
        this.accept = accept;
    }

    void handle(ReceivedEvent received) {
        if (!(received.event().data() instanceof CommandData command)) {
            return; // not a command: nothing for the executor
        }
        String job = command.job();
        if (!ownedJobs.contains(job)) {
            return;
        }
        Rejection rejection = check(received.event().type(), command);
        if (rejection != null) {
            audit(command, "command.rejected", "failure", rejection.name());
            return;
        }
        if (command.dryRun()) {
            audit(command, "command.accepted", "success", "dry run: nothing done");
            return;
        }
        audit(command, "command.accepted", "success", command.reason());
        accept.accept(job, command);
    }

    private Rejection check(EventType type, CommandData command) {
        if (signer == null) {
            return Rejection.NO_SECRET;
        }
        boolean typeMatches = (type == EventType.COMMAND_RUN_NOW && CommandData.RUN_NOW.equals(command.action()))
                || (type == EventType.COMMAND_RESYNC && CommandData.RESYNC.equals(command.action()));
        if (!typeMatches) {
            return Rejection.TYPE_MISMATCH;
        }
        CommandSigner.Verdict verdict = signer.verify(command, clock.instant());
        if (verdict != CommandSigner.Verdict.VALID) {
            return Rejection.valueOf(verdict.name());
        }
        if (!processed.markProcessed(command.commandId())) {
            return Rejection.DUPLICATE;
        }
        return null;
    }

    private void audit(CommandData command, String action, String outcome, String reason) {
        events.audit(
                command.job(),
                new AuditData(
                        action,
                        command.issuedBy(),
                        outcome,
                        command.job(),
                        reason,
                        Map.of("commandId", command.commandId(), "command", command.action())));
    }
}
