package io.zsentinel.executor.plan;

import io.zsentinel.executor.zfs.DatasetInventory;
import io.zsentinel.executor.zfs.ZfsSnapshot;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

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
        Set<String> targetGuids = target.snapshots().stream().map(ZfsSnapshot::guid).collect(Collectors.toSet());
        List<ZfsSnapshot> commonOnSource =
                source.snapshots().stream().filter(s -> targetGuids.contains(s.guid())).toList();
        if (commonOnSource.isEmpty()) {
            return new PrunePlan(List.of(), List.of());
        }
        ZfsSnapshot keep = commonOnSource.get(commonOnSource.size() - 1);
        ZfsSnapshot keepOnTarget = target.byGuid(keep.guid()).orElseThrow();
        return new PrunePlan(olderOwn(jobId, source, keep), olderOwn(jobId, target, keepOnTarget));
    }

    private static List<String> olderOwn(String jobId, DatasetInventory side, ZfsSnapshot keep) {
        List<ZfsSnapshot> snaps = side.snapshots();
        return snaps.subList(0, snaps.indexOf(keep)).stream()
                .filter(s -> SnapshotNames.isJobs(s.name(), jobId))
                .map(ZfsSnapshot::name)
                .toList();
    }
}
