package io.zsentinel.events.data;

import java.time.Instant;

/** {@code zsentinel.snapshot.created} / {@code .destroyed}: one snapshot on one node. */
public record SnapshotData(String node, String dataset, String snapshot, String guid, Instant creation)
        implements EventData {
    public SnapshotData {
        Require.text(node, "node");
        Require.text(dataset, "dataset");
        Require.text(snapshot, "snapshot");
    }

    @Override
    public String hostName() {
        return node;
    }
}
