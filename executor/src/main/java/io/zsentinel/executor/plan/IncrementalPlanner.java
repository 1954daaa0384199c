package io.zsentinel.executor.plan;

import io.zsentinel.executor.zfs.DatasetInventory;
import io.zsentinel.executor.zfs.ZfsSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Chooses how to bring one dataset's target up to the source's snapshot {@code to}. Pure: two
 * inventories in, a {@link Plan} or a {@link Conflict} out. Identity is the GUID, never the
 * name. The base follows pvesr: the job's last-sync snapshot when it is common and nothing
 * common is newer on the target, else the newest common snapshot. See design.md.
 */
public final class IncrementalPlanner {
    private IncrementalPlanner() {}

    /**
     * @param to the snapshot to end at (normally the one just taken); must be on the source
     * @param lastSync the job's last successful snapshot name, or null when unknown
     */
    public static Decision plan(DatasetInventory source, DatasetInventory target, String to, String jobId, String lastSync) {
        String dataset = source.dataset();
        if (source.snapshots().isEmpty()) {
            return new Conflict.NoSourceSnapshots(dataset);
        }
        ZfsSnapshot toSnap = source.byName(to).orElseThrow(
                () -> new IllegalArgumentException("snapshot @" + to + " is not on the source " + dataset));
        if (!target.exists()) {
            return new Plan.Full(to);
        }
        if (target.byGuid(toSnap.guid()).isPresent()) {
            return new Plan.UpToDate(to);
        }
        Set<String> sourceGuids = source.snapshots().stream().map(ZfsSnapshot::guid).collect(Collectors.toSet());
        List<ZfsSnapshot> common = target.snapshots().stream().filter(s -> sourceGuids.contains(s.guid())).toList();
        if (common.isEmpty()) {
            return new Conflict.NoCommonSnapshot(dataset, source.newest().map(ZfsSnapshot::name).orElse(null),
                    target.newest().map(ZfsSnapshot::name).orElse(null));
        }
        ZfsSnapshot newestCommon = common.get(common.size() - 1);
        ZfsSnapshot base = newestCommon;
        if (lastSync != null) {
            Optional<ZfsSnapshot> preferred = common.stream().filter(s -> s.name().equals(lastSync)).findFirst();
            // equal GUID = the same snapshot; prefer it only when it is as new as the newest common
            if (preferred.isPresent() && preferred.get().guid().equals(newestCommon.guid())) {
                base = preferred.get();
            }
        }
        int basePos = target.snapshots().indexOf(base);
        List<String> cleanup = new ArrayList<>();
        List<String> foreign = new ArrayList<>();
        for (ZfsSnapshot newer : target.snapshots().subList(basePos + 1, target.snapshots().size())) {
            if (SnapshotNames.isJobs(newer.name(), jobId)) {
                cleanup.add(newer.name());
            } else {
                foreign.add(newer.name());
            }
        }
        ZfsSnapshot sourceBase = source.byGuid(base.guid()).orElseThrow();
        if (!foreign.isEmpty()) {
            List<ZfsSnapshot> src = source.snapshots();
            List<String> sourceOnly = src.subList(src.indexOf(sourceBase) + 1, src.size()).stream()
                    .map(ZfsSnapshot::name).toList();
            return new Conflict.TargetDiverged(dataset, base.name(), sourceOnly, foreign);
        }
        if (ZfsSnapshot.AGE.compare(sourceBase, toSnap) >= 0) {
            throw new IllegalArgumentException("@" + to + " is not newer than the base @" + sourceBase.name());
        }
        // the name on the source is what `zfs send -I` needs
        return new Plan.Incremental(sourceBase.name(), base.guid(), to, cleanup);
    }
}
