package io.zsentinel.events.data;

import java.time.Instant;
import java.util.List;

/**
 * {@code zsentinel.inventory.reported}: every snapshot of one dataset on one node, oldest first.
 * {@code role} says which side of the job the node is ({@code source} or {@code target});
 * {@code exists} is false when the dataset is absent on that node.
 */
public record InventoryData(String node, String role, String dataset, boolean exists, List<Snapshot> snapshots)
        implements EventData {
    public static final String SOURCE = "source";
    public static final String TARGET = "target";

    public InventoryData {
        Require.text(node, "node");
        if (!SOURCE.equals(role) && !TARGET.equals(role)) {
            throw new IllegalArgumentException("field 'role' must be 'source' or 'target', got " + role);
        }
        Require.text(dataset, "dataset");
        snapshots = Require.list(snapshots);
    }

    @Override
    public String hostName() {
        return node;
    }

    /** One snapshot; {@code createtxg}, {@code used} and {@code referenced} are null when unknown. */
    public record Snapshot(String name, String guid, Instant creation, Long createtxg, Long used, Long referenced) {
        public Snapshot {
            Require.text(name, "name");
            Require.text(guid, "guid");
            Require.present(creation, "creation");
        }
    }
}
