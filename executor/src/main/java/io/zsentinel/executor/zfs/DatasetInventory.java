package io.zsentinel.executor.zfs;

import io.zsentinel.chain.Side;
import io.zsentinel.chain.Snapshot;
import io.zsentinel.events.data.InventoryData;
import java.util.List;
import java.util.Optional;

/**
 * A dataset on one node as read by one command: whether it exists, its space figures (null when
 * unknown) and its snapshots, oldest first.
 */
public record DatasetInventory(String dataset, boolean exists, Long used, Long available, List<Snapshot> snapshots) {
    public DatasetInventory {
        snapshots = snapshots.stream().sorted(Snapshot.AGE).toList();
    }

    public static DatasetInventory absent(String dataset) {
        return new DatasetInventory(dataset, false, null, null, List.of());
    }

    /** This inventory as one side of a chain ({@code io.zsentinel.chain}). */
    public Side side() {
        return new Side(dataset, exists, snapshots);
    }

    public Optional<Snapshot> newest() {
        return snapshots.isEmpty() ? Optional.empty() : Optional.of(snapshots.get(snapshots.size() - 1));
    }

    public Optional<Snapshot> byName(String name) {
        return snapshots.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<Snapshot> byGuid(String guid) {
        return snapshots.stream().filter(s -> s.guid().equals(guid)).findFirst();
    }

    /** The snapshots as {@code inventory.reported} carries them. */
    public List<InventoryData.Snapshot> snapshotEvents() {
        return snapshots.stream()
                .map(s -> new InventoryData.Snapshot(s.name(), s.guid(), s.creation(), s.txg(), s.used(), s.referenced()))
                .toList();
    }
}
