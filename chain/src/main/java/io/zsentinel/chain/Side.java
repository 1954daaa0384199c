package io.zsentinel.chain;

import java.util.List;
import java.util.Optional;

/**
 * One side of a replication as one inventory saw it: the dataset, whether it exists, and its
 * snapshots, kept oldest first ({@link Snapshot#AGE}).
 */
public record Side(String dataset, boolean exists, List<Snapshot> snapshots) {
    public Side {
        snapshots = snapshots.stream().sorted(Snapshot.AGE).toList();
    }

    public static Side absent(String dataset) {
        return new Side(dataset, false, List.of());
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
}
