package io.zsentinel.events.data;

/**
 * {@code zsentinel.job.failed}. {@code stage} is one of {@code connect, prepare, snapshot,
 * inventory, send, receive, verify, prune, resync}; {@code message} is the raw error text.
 */
public record JobFailedData(
        String runId, String source, String target, String stage, ErrorClass errorClass, String message, int failCount)
        implements EventData {
    public JobFailedData {
        Require.text(runId, "runId");
        Require.text(source, "source");
        Require.text(target, "target");
        Require.text(stage, "stage");
        Require.present(errorClass, "errorClass");
        Require.present(message, "message");
    }

    @Override
    public String hostName() {
        return source;
    }
}
