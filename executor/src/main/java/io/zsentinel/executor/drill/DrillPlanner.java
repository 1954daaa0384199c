package io.zsentinel.executor.drill;

import io.zsentinel.chain.ChainDiff;
import io.zsentinel.chain.Common;
import io.zsentinel.chain.Snapshot;
import io.zsentinel.chain.SnapshotNames;
import io.zsentinel.executor.config.JobConfig;
import io.zsentinel.executor.node.ZfsNode;
import io.zsentinel.executor.zfs.DatasetInventory;
import io.zsentinel.executor.zfs.ZfsOutput.PoolLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a restore drill restores, or why it cannot. Pure. The snapshot restored is each dataset's
 * newest replication snapshot of the job on the target, what a restore would take; the source
 * must hold it too (same GUID), so the clone's content can be compared with it. A snapshot of that
 * name on the source with another GUID means the replica was changed and snapshotted again: the
 * drill fails ({@code CONTENT_DIFFERS}). When the source no longer has it, the newest common
 * snapshot by GUID is restored instead. A clone is cheap, but reading it
 * and the blocks the next receive frees later need room: each pool keeps its slop (1/32) plus
 * {@link #MIN_FREE_BYTES} free.
 */
public final class DrillPlanner {
    public static final long MIN_FREE_BYTES = 64L << 20;

    private DrillPlanner() {}

    /** One dataset to restore: its snapshot, and the clones' names on the target and the source. */
    public record Restore(
            String dataset,
            String snapshot,
            String guid,
            java.time.Instant created,
            String replicaClone,
            String sourceClone) {}

    public sealed interface Plan permits Restores, Refused {}

    public record Restores(List<Restore> restores) implements Plan {}

    /** {@code reason} as in {@code DrillData}. */
    public record Refused(String reason, String detail) implements Plan {}

    /**
     * @param epoch names the clones ({@code <pool>/zsentinel_drill_<epoch>_<n>})
     * @param targetPools, sourcePools the nodes' pools by name
     */
    public static Plan plan(
            JobConfig job,
            Map<String, DatasetInventory> source,
            Map<String, DatasetInventory> target,
            Map<String, PoolLine> sourcePools,
            Map<String, PoolLine> targetPools,
            long epoch) {
        List<Restore> restores = new ArrayList<>();
        int n = 0;
        for (String ds : job.datasets()) {
            DatasetInventory dst = target.get(ds);
            DatasetInventory src = source.get(ds);
            if (dst == null || !dst.exists() || dst.snapshots().isEmpty()) {
                return new Refused("NO_REPLICA", ds + ": no replica snapshot on " + job.target());
            }
            if (src == null || !src.exists()) {
                return new Refused(
                        "NOT_ON_SOURCE",
                        ds + ": the dataset is not on " + job.source() + ": nothing to compare the replica with");
            }
            Optional<Snapshot> newestOwn = dst.snapshots().stream()
                    .filter(x -> SnapshotNames.isJobs(x.name(), job.jobId()))
                    .reduce((a, b) -> b);
            Optional<Snapshot> onSource = newestOwn.flatMap(x -> src.byName(x.name()));
            if (onSource.isPresent()
                    && !onSource.get().guid().equals(newestOwn.get().guid())) {
                return new Refused(
                        "CONTENT_DIFFERS",
                        ds + "@" + newestOwn.get().name() + " on " + job.target()
                                + " is not the one on " + job.source() + " (GUID "
                                + newestOwn.get().guid() + ", the source's "
                                + onSource.get().guid()
                                + "): the replica was changed and snapshotted again under the same name");
            }
            Optional<Snapshot> restored = onSource.isPresent()
                    ? newestOwn
                    : ChainDiff.compare(job.jobId(), src.side(), dst.side(), null)
                            .newestCommon()
                            .map(Common::target);
            if (restored.isEmpty()) {
                return new Refused(
                        "NOT_ON_SOURCE",
                        ds + ": no snapshot of the replica on " + job.target() + " is on " + job.source()
                                + " any more (by GUID): nothing to compare it with");
            }
            String pool = pool(ds);
            Optional<Refused> noRoom =
                    room(job.target(), pool, targetPools).or(() -> room(job.source(), pool, sourcePools));
            if (noRoom.isPresent()) {
                return noRoom.get();
            }
            n++;
            Snapshot r = restored.get();
            String clone = pool + "/" + ZfsNode.DRILL_PREFIX + epoch + "_" + n;
            restores.add(new Restore(ds, r.name(), r.guid(), r.creation(), clone, clone));
        }
        return new Restores(restores);
    }

    private static Optional<Refused> room(String node, String pool, Map<String, PoolLine> pools) {
        PoolLine line = pools.get(pool);
        if (line == null) {
            return Optional.of(new Refused("NO_SPACE", node + " has no pool " + pool));
        }
        long needed = ChainDiff.slop(line.size()) + MIN_FREE_BYTES;
        if (line.free() >= needed) {
            return Optional.empty();
        }
        return Optional.of(new Refused(
                "NO_SPACE",
                node + ":" + pool + " has " + line.free() + " bytes free, less than " + needed
                        + " (1/32 of the pool + 64 MiB): a drill does not take the last room of a pool"));
    }

    private static String pool(String dataset) {
        return dataset.substring(0, dataset.indexOf('/'));
    }
}
