package io.zsentinel.executor.zfs;

import java.util.List;
import java.util.Optional;

/**
 * A dataset on one node as read by one command: whether it exists, its space figures (null when
 * unknown) and its snapshots, oldest first.
 */
public record DatasetInventory(String dataset, boolean exists, Long used, Long available, List<ZfsSnapshot> snapshots) {
    public DatasetInventory {
        snapshots = snapshots.stream().sorted(ZfsSnapshot.AGE).toList();
    }

    public static DatasetInventory absent(String dataset) {
        return new DatasetInventory(dataset, false, null, null, List.of());
    }

    public Optional<ZfsSnapshot> newest() {
        return snapshots.isEmpty() ? Optional.empty() : Optional.of(snapshots.get(snapshots.size() - 1));
    }

    public Optional<ZfsSnapshot> byName(String name) {
        return snapshots.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<ZfsSnapshot> byGuid(String guid) {
        return snapshots.stream().filter(s -> s.guid().equals(guid)).findFirst();
    }
}
