package io.zsentinel.events.data;

/**
 * {@code zsentinel.send.completed} (node = source) and {@code zsentinel.receive.completed}
 * (node = target, guid = the GUID the snapshot has on the target).
 */
public record TransferCompletedData(
        String runId, String node, String dataset, String snapshot, long bytes, long durationMs, String guid)
        implements EventData {
    public TransferCompletedData {
        Require.text(runId, "runId");
        Require.text(node, "node");
        Require.text(dataset, "dataset");
        Require.text(snapshot, "snapshot");
        Require.notNegative(bytes, "bytes");
        Require.notNegative(durationMs, "durationMs");
    }

    @Override
    public String hostName() {
        return node;
    }
}
