package io.zsentinel.executor.zfs;

import io.zsentinel.chain.Side;
import io.zsentinel.chain.Snapshot;
import io.zsentinel.events.data.InventoryData;
import java.util.List;
import java.util.Optional;

/**
 * A dataset on one node as read by one command: one side of its chain ({@code io.zsentinel.chain})
 * and the dataset's space figures (null when unknown).
 */
public record DatasetInventory(Side side, Long used, Long available) {
    /** @param snapshots in any order: kept oldest first */
    public DatasetInventory(String dataset, boolean exists, Long used, Long available, List<Snapshot> snapshots) {
        this(new Side(dataset, exists, snapshots), used, available);
    }

    public static DatasetInventory absent(String dataset) {
        return new DatasetInventory(Side.absent(dataset), null, null);
    }

    public String dataset() {
        return side.dataset();
    }

    public boolean exists() {
        return side.exists();
    }

    /** Oldest first. */
    public List<Snapshot> snapshots() {
        return side.snapshots();
    }

    public Optional<Snapshot> newest() {
        return side.newest();
    }

    public Optional<Snapshot> byName(String name) {
        return side.byName(name);
    }

    public Optional<Snapshot> byGuid(String guid) {
        return side.byGuid(guid);
    }

    /** The snapshots as {@code inventory.reported} carries them. */
    public List<InventoryData.Snapshot> snapshotEvents() {
        return snapshots().stream()
                .map(s ->
                        new InventoryData.Snapshot(s.name(), s.guid(), s.creation(), s.txg(), s.used(), s.referenced()))
                .toList();
    }
}
