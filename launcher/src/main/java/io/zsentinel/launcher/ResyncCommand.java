package io.zsentinel.launcher;

import io.zsentinel.events.EventType;
import io.zsentinel.events.data.CommandData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zsentinel resync JOB [--dry-run]}: the executor's safe resync (rollback to the newest
 * common snapshot, or the old replica renamed aside and a full send), signed and audited.
 */
@Command(
        name = "resync",
        description =
                "Resync a job whose chain is broken (a signed command; the old replica is renamed aside, never destroyed).")
final class ResyncCommand extends CommandVerb {
    @Option(names = "--dry-run", description = "the executor checks and audits the command, and changes nothing")
    boolean dryRun;

    @Override
    String action() {
        return CommandData.RESYNC;
    }

    @Override
    EventType type() {
        return EventType.COMMAND_RESYNC;
    }

    @Override
    boolean dryRun() {
        return dryRun;
    }
}
