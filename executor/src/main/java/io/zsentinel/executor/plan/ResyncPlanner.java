package io.zsentinel.executor.plan;

import io.zsentinel.chain.ChainDiff;
import io.zsentinel.chain.Common;
import io.zsentinel.chain.Snapshot;
import io.zsentinel.chain.SnapshotNames;
import io.zsentinel.events.data.ErrorClass;
import io.zsentinel.executor.zfs.DatasetInventory;
import java.util.Optional;

/**
 * SPEC.md "Auto-resync" for one dataset, pure: a common snapshot (by GUID) -> roll the target
 * back to it and send incrementally; none -> rename the target aside (never destroy the only
 * replica), check the target pool has 1.3 x the source's size free, send it whole; not enough
 * space -> refuse.
 */
public final class ResyncPlanner {
    /** SPEC.md / the seed checklist: a full copy needs 1.3 x the source size free on the target. */
    public static final double SPACE_FACTOR = 1.3;

    public sealed interface ResyncPlan {}

    /** Roll the target back to {@code base} ({@code zfs rollback -r}) then send {@code base..to}. */
    public record RollbackIncremental(String base, String baseGuid, String to) implements ResyncPlan {}

    /** Rename the target to {@code orphan} (when it exists), then send {@code to} whole. */
    public record RenameAsideFull(String orphan, String to, long requiredBytes) implements ResyncPlan {}

    /** Not safe or not possible: too little room on the target ({@link ErrorClass#NO_SPACE}). */
    public record Refused(ErrorClass reason, String detail) implements ResyncPlan {}

    private ResyncPlanner() {}

    /**
     * @param sourceBytes bytes used by the source dataset (null when unknown: no full send then)
     * @param targetFreeBytes free bytes of the target pool (null when unknown)
     */
    public static ResyncPlan plan(
            String jobId,
            DatasetInventory source,
            DatasetInventory target,
            String to,
            long epochSeconds,
            Long sourceBytes,
            Long targetFreeBytes) {
        Snapshot toSnap = source.byName(to)
                .orElseThrow(() ->
                        new IllegalArgumentException("snapshot @" + to + " is not on the source " + source.dataset()));
        Optional<Common> base =
                ChainDiff.compare(jobId, source.side(), target.side(), null).newestCommon();
        if (base.isPresent()) {
            if (base.get().guid().equals(toSnap.guid())) {
                return new RollbackIncremental(
                        base.get().target().name(), base.get().guid(), null);
            }
            return new RollbackIncremental(
                    base.get().source().name(), base.get().guid(), to);
        }
        if (sourceBytes == null || targetFreeBytes == null) {
            return new Refused(ErrorClass.NO_SPACE, "cannot check space: source size or target free space unknown");
        }
        long required = (long) Math.ceil(sourceBytes * SPACE_FACTOR);
        if (targetFreeBytes < required) {
            return new Refused(
                    ErrorClass.NO_SPACE,
                    "target pool has " + targetFreeBytes + " bytes free, a full copy of " + source.dataset() + " needs "
                            + required + " (1.3 x " + sourceBytes + ")");
        }
        String orphan = target.exists() ? SnapshotNames.orphan(target.dataset(), epochSeconds) : null;
        return new RenameAsideFull(orphan, to, required);
    }
}
