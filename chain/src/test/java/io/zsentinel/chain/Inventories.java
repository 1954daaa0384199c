package io.zsentinel.chain;

import java.util.ArrayList;
import java.util.List;

/**
 * Tiny notation for a side's snapshots: {@code "name:guid:txg[:used]"}, comma-separated, the txg
 * doubling as the creation second; {@code r5} stands for job 101-0's replication snapshot
 * {@code __replicate_101-0_5__}.
 */
final class Inventories {
    static final String JOB = "101-0";
    static final String DS = "rpool/data/subvol-101-disk-0";

    private Inventories() {}

    static Side side(String notation) {
        List<Snapshot> out = new ArrayList<>();
        if (!notation.isBlank()) {
            for (String item : notation.split(",")) {
                String[] f = item.strip().split(":");
                long txg = Long.parseLong(f[2]);
                out.add(new Snapshot(
                        name(f[0]), f[1], txg * 1000, txg, f.length > 3 ? Long.valueOf(f[3]) : null, null));
            }
        }
        return new Side(DS, true, out);
    }

    static String name(String shorthand) {
        return shorthand.matches("r\\d+")
                ? SnapshotNames.forJob(JOB, Long.parseLong(shorthand.substring(1)))
                : shorthand;
    }
}
