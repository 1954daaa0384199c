package io.zsentinel.launcher;

import io.zsentinel.events.EventType;
import io.zsentinel.events.data.CommandData;
import picocli.CommandLine.Command;

/** {@code zsentinel run-now JOB}: the job's next run now, as {@code pvesr schedule-now} does, signed and audited. */
@Command(
        name = "run-now",
        description = "Run a job now (a signed command to its executor; prints the executor's answer).")
final class RunNowCommand extends CommandVerb {
    @Override
    String action() {
        return CommandData.RUN_NOW;
    }

    @Override
    EventType type() {
        return EventType.COMMAND_RUN_NOW;
    }
}
