package io.zsentinel.events.data;

/** {@code zsentinel.send.progress}: at most one per second per running transfer. */
public record SendProgressData(
        String runId, String node, String dataset, long bytesDone, Long estimatedBytes, long bytesPerSecond)
        implements EventData {
    public SendProgressData {
        Require.text(runId, "runId");
        Require.text(node, "node");
        Require.text(dataset, "dataset");
        Require.notNegative(bytesDone, "bytesDone");
        Require.notNegative(bytesPerSecond, "bytesPerSecond");
    }

    @Override
    public String hostName() {
        return node;
    }
}
