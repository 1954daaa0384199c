package io.zsentinel.events.data;

/**
 * {@code zsentinel.send.started}: a transfer of {@code dataset} from {@code node} to
 * {@code target}. {@code from} is the incremental base snapshot, null for a full send;
 * {@code estimatedBytes} is null when the node cannot estimate.
 */
public record SendStartedData(
        String runId, String node, String target, String dataset, String from, String to, Long estimatedBytes)
        implements EventData {
    public SendStartedData {
        Require.text(runId, "runId");
        Require.text(node, "node");
        Require.text(target, "target");
        Require.text(dataset, "dataset");
        Require.text(to, "to");
    }

    public boolean full() {
        return from == null;
    }

    @Override
    public String hostName() {
        return node;
    }
}
