package io.zsentinel.executor.plan;

import io.zsentinel.chain.ChainDiff;
import io.zsentinel.chain.ChainView;
import io.zsentinel.chain.Common;
import io.zsentinel.chain.Snapshot;
import io.zsentinel.executor.zfs.DatasetInventory;
import java.util.Optional;

/**
 * Chooses how to bring one dataset's target up to the source's snapshot {@code to}. Pure: two
 * inventories in, a {@link Plan} or a {@link Conflict} out. The chain is judged by
 * {@link ChainDiff}, the model the collector reports from, so a chain the collector calls
 * {@code OK} is one this planner sends an incremental over. See design.md.
 */
public final class IncrementalPlanner {
    private IncrementalPlanner() {}

    /** @param to the snapshot to end at (normally the one just taken); must be on the source */
    public static Decision plan(DatasetInventory source, DatasetInventory target, String to, String jobId) {
        String dataset = source.dataset();
        if (source.snapshots().isEmpty()) {
            return new Conflict.NoSourceSnapshots(dataset);
        }
        Snapshot toSnap = source.byName(to)
                .orElseThrow(
                        () -> new IllegalArgumentException("snapshot @" + to + " is not on the source " + dataset));
        if (!target.exists()) {
            return new Plan.Full(to);
        }
        if (target.byGuid(toSnap.guid()).isPresent()) {
            return new Plan.UpToDate(to);
        }
        ChainView chain = ChainDiff.compare(jobId, source.side(), target.side(), null);
        Optional<Common> base = chain.newestCommon();
        if (base.isEmpty()) {
            return new Conflict.NoCommonSnapshot(
                    dataset,
                    source.newest().map(Snapshot::name).orElse(null),
                    target.newest().map(Snapshot::name).orElse(null));
        }
        Snapshot sourceBase = base.get().source();
        if (!chain.foreign().isEmpty()) {
            return new Conflict.ForeignSnapshots(
                    dataset,
                    sourceBase.name(),
                    chain.foreign().stream().map(Snapshot::name).toList());
        }
        if (Snapshot.AGE.compare(sourceBase, toSnap) >= 0) {
            throw new IllegalArgumentException("@" + to + " is not newer than the base @" + sourceBase.name());
        }
        // the name on the source is what `zfs send -I` needs
        return new Plan.Incremental(
                sourceBase.name(),
                sourceBase.guid(),
                to,
                chain.staleOwn().stream().map(Snapshot::name).toList());
    }
}
