package io.zsentinel.events.data;

/**
 * {@code zsentinel.job.failed}. {@code stage} is where it failed ({@link RunStage}); {@code message} is
 * the raw error text.
 */
public record JobFailedData(
        String runId,
        String source,
        String target,
        RunStage stage,
        ErrorClass errorClass,
        String message,
        int failCount)
        implements EventData {
    public JobFailedData {
        Require.text(runId, "runId");
        Require.text(source, "source");
        Require.text(target, "target");
        Require.present(stage, "stage");
        Require.present(errorClass, "errorClass");
        Require.present(message, "message");
    }

    @Override
    public String hostName() {
        return source;
    }
}
