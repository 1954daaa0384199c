package io.zsentinel.executor.plan;

import io.zsentinel.chain.ChainDiff;
import io.zsentinel.chain.Common;
import io.zsentinel.chain.Snapshot;
import io.zsentinel.chain.SnapshotNames;
import io.zsentinel.executor.zfs.DatasetInventory;
import java.util.List;
import java.util.Optional;

/**
 * After a successful run: this job's older replication snapshots on both sides go, as pvesr
 * deletes the previous one. Pure. Never touched: other jobs' and users' snapshots, the newest
 * common snapshot (the next run's base), and anything newer than it.
 */
public final class Pruner {
    /** Snapshot names (after {@code @}) to destroy on each side. */
    public record PrunePlan(List<String> source, List<String> target) {
        public PrunePlan {
            source = List.copyOf(source);
            target = List.copyOf(target);
        }

        public boolean empty() {
            return source.isEmpty() && target.isEmpty();
        }
    }

    private Pruner() {}

    public static PrunePlan plan(String jobId, DatasetInventory source, DatasetInventory target) {
        Optional<Common> keep =
                ChainDiff.compare(jobId, source.side(), target.side(), null).newestCommon();
        if (keep.isEmpty()) {
            return new PrunePlan(List.of(), List.of());
        }
        return new PrunePlan(
                olderOwn(jobId, source, keep.get().source()),
                olderOwn(jobId, target, keep.get().target()));
    }

    private static List<String> olderOwn(String jobId, DatasetInventory side, Snapshot keep) {
        List<Snapshot> snaps = side.snapshots();
        return snaps.subList(0, snaps.indexOf(keep)).stream()
                .filter(s -> SnapshotNames.isJobs(s.name(), jobId))
                .map(Snapshot::name)
                .toList();
    }
}
