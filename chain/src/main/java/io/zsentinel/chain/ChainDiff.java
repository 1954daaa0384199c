package io.zsentinel.chain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a dataset's source and target inventories, by GUID, and judges the chain (design.md
 * has the table of verdicts). Pure: no I/O, no clock. The executor plans its runs and resyncs
 * from this, and the collector reports it.
 */
public final class ChainDiff {
    /**
     * The least room a receive is assumed to need, whatever the backlog reports (snapshots'
     * {@code used} understates what an incremental writes): this, or 1 % of a pool smaller than
     * 6.4 GiB.
     */
    public static final long MIN_DELTA_BYTES = 64L << 20;
    /** ZFS keeps 1/32 of a pool (spa_slop_shift 5) that datasets cannot write to. */
    private static final int SLOP_SHIFT = 5;

    private ChainDiff() {}

    /** The part of a pool of {@code sizeBytes} that datasets cannot write to (ZFS's slop, 1/32). */
    public static long slop(long sizeBytes) {
        return sizeBytes >> SLOP_SHIFT;
    }

    /**
     * @param jobId the job whose replication snapshots ({@link SnapshotNames#isJobs}) these are
     * @param room the target pool's size and free bytes, or null when not known (then no
     *     {@link Risk.NoRoom} is judged)
     */
    public static ChainView compare(String jobId, Side source, Side target, Room room) {
        if (!source.exists()) {
            return verdict(
                    ChainState.UNKNOWN,
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    "the source dataset does not exist");
        }
        if (!target.exists()) {
            return verdict(
                    ChainState.UNKNOWN,
                    List.of(),
                    List.of(),
                    List.of(),
                    source.snapshots(),
                    List.of(),
                    "the target dataset does not exist yet: a full send is due");
        }
        if (source.snapshots().isEmpty() && target.snapshots().isEmpty()) {
            return verdict(
                    ChainState.UNKNOWN,
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    "no snapshot on either side yet");
        }
        Map<String, Snapshot> sourceByGuid = new HashMap<>();
        for (Snapshot s : source.snapshots()) {
            sourceByGuid.put(s.guid(), s);
        }
        List<Common> common = new ArrayList<>();
        int baseOnTarget = -1;
        List<Snapshot> dst = target.snapshots();
        for (int i = 0; i < dst.size(); i++) {
            Snapshot s = sourceByGuid.get(dst.get(i).guid());
            if (s != null) {
                common.add(new Common(s, dst.get(i)));
                baseOnTarget = i;
            }
        }
        if (common.isEmpty()) {
            return verdict(
                    ChainState.BROKEN,
                    common,
                    List.of(),
                    List.of(),
                    source.snapshots(),
                    List.of(),
                    noCommon(source, target));
        }
        Common base = common.get(common.size() - 1);
        List<Snapshot> staleOwn = new ArrayList<>();
        List<Snapshot> foreign = new ArrayList<>();
        for (Snapshot newer : dst.subList(baseOnTarget + 1, dst.size())) {
            (SnapshotNames.isJobs(newer.name(), jobId) ? staleOwn : foreign).add(newer);
        }
        List<Snapshot> src = source.snapshots();
        List<Snapshot> backlog = src.subList(src.indexOf(base.source()) + 1, src.size());

        List<Risk> risks = new ArrayList<>();
        if (!foreign.isEmpty()) {
            risks.add(new Risk.ForeignSnapshots(
                    base.source().name(), foreign.stream().map(Snapshot::name).toList()));
        }
        if (common.size() == 1 && !SnapshotNames.isJobs(base.source().name(), jobId)) {
            risks.add(new Risk.UnprotectedBase(base.source().name()));
        }
        if (room != null) {
            long floor = Math.min(MIN_DELTA_BYTES, room.sizeBytes() / 100);
            long needed = slop(room.sizeBytes()) + Math.max(Bytes.of(backlog).sum(), floor);
            if (room.freeBytes() < needed) {
                risks.add(new Risk.NoRoom(room.freeBytes(), needed));
            }
        }
        if (!risks.isEmpty()) {
            return verdict(
                    ChainState.AT_RISK,
                    common,
                    staleOwn,
                    foreign,
                    backlog,
                    risks,
                    String.join("; ", risks.stream().map(Risk::describe).toList()));
        }
        String evidence = common.size() + (common.size() == 1 ? " common snapshot" : " common snapshots") + ", newest @"
                + base.source().name();
        if (!staleOwn.isEmpty()) {
            evidence += "; the next run cleans up this job's stale "
                    + staleOwn.stream().map(Snapshot::name).toList() + " on the target";
        }
        return verdict(ChainState.OK, common, staleOwn, foreign, backlog, risks, evidence);
    }

    private static String noCommon(Side source, Side target) {
        if (target.snapshots().isEmpty()) {
            return "the target dataset exists but holds no snapshot: no common base";
        }
        Snapshot targetNewest = target.newest().orElseThrow();
        if (source.snapshots().isEmpty()) {
            return "the source has no snapshot left; the target's newest is @" + targetNewest.name()
                    + ": no common snapshot";
        }
        String why = "no common snapshot: source newest @"
                + source.newest().orElseThrow().name() + ", target newest @" + targetNewest.name();
        return source.byName(targetNewest.name())
                .map(same ->
                        why + " (GUID " + targetNewest.guid() + " on the target, " + same.guid() + " on the source)")
                .orElse(why);
    }

    private static ChainView verdict(
            ChainState state,
            List<Common> common,
            List<Snapshot> staleOwn,
            List<Snapshot> foreign,
            List<Snapshot> backlog,
            List<Risk> risks,
            String evidence) {
        Bytes bytes = Bytes.of(backlog);
        return new ChainView(state, common, staleOwn, foreign, backlog, bytes.sum(), bytes.complete(), risks, evidence);
    }

    /** The {@code used} bytes of some snapshots; not complete when one of them did not report it. */
    private record Bytes(long sum, boolean complete) {
        static Bytes of(List<Snapshot> snapshots) {
            long sum = 0;
            boolean complete = true;
            for (Snapshot s : snapshots) {
                if (s.used() == null) {
                    complete = false;
                } else {
                    sum += s.used();
                }
            }
            return new Bytes(sum, complete);
        }
    }

    /** The target pool's size and free bytes ({@code zpool list}). */
    public record Room(long sizeBytes, long freeBytes) {}
}
