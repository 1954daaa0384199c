package io.zsentinel.executor.run;

import io.zsentinel.events.data.ErrorClass;
import io.zsentinel.events.data.RunStage;
import java.time.Instant;

/** How a run ended. */
public sealed interface RunOutcome {
    /** {@code syncPoint} is the creation time of {@code snapshot} as the target has it. */
    record Succeeded(String snapshot, Instant syncPoint, long bytes) implements RunOutcome {}

    record Failed(RunStage stage, ErrorClass errorClass, String message) implements RunOutcome {}
}
