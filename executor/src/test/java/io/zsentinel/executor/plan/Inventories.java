package io.zsentinel.executor.plan;

import io.zsentinel.chain.Snapshot;
import io.zsentinel.chain.SnapshotNames;
import io.zsentinel.executor.zfs.DatasetInventory;
import java.time.Instant;
import java.util.Arrays;

/** Tiny notation for inventories: {@code "name:guid:txg"}, the txg doubling as the creation second. */
final class Inventories {
    static final String DS = "rpool/data/subvol-101-disk-0";

    private Inventories() {}

    static DatasetInventory inv(String... snaps) {
        return new DatasetInventory(
                DS,
                true,
                1000L,
                5000L,
                Arrays.stream(snaps).map(Inventories::snap).toList());
    }

    static DatasetInventory absent() {
        return DatasetInventory.absent(DS);
    }

    static Snapshot snap(String spec) {
        String[] p = spec.split(":");
        long txg = Long.parseLong(p[2]);
        return Snapshot.of(p[0], p[1], Instant.ofEpochSecond(1_700_000_000L + txg), txg, null, null);
    }

    static String r(long epoch) {
        return SnapshotNames.forJob("101-0", epoch);
    }
}
