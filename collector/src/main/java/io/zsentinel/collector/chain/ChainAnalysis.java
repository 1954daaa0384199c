package io.zsentinel.collector.chain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the snapshots of one dataset on the source and on the target, by GUID (a name can be
 * reused by a different snapshot; a GUID cannot). Pure: no I/O, no clock. See design.md.
 */
public final class ChainAnalysis {
    private ChainAnalysis() {}

    /** Both datasets exist. */
    public static ChainResult analyze(List<Snap> source, List<Snap> target) {
        return analyze(source, true, target, true);
    }

    /**
     * @param sourceExists false when the source reported the dataset absent
     * @param targetExists false when the target reported the dataset absent (a full send is due)
     */
    public static ChainResult analyze(List<Snap> source, boolean sourceExists, List<Snap> target, boolean targetExists) {
        List<Snap> src = sorted(source);
        List<Snap> dst = sorted(target);
        if (!sourceExists) {
            return new ChainResult(ChainState.UNKNOWN, null, 0, 0, 0, true, "the source dataset does not exist");
        }
        if (!targetExists) {
            Backlog all = backlog(src, null);
            return new ChainResult(ChainState.UNKNOWN, null, 0, all.count, all.bytes, all.complete,
                    "the target dataset does not exist yet: a full send is due");
        }
        Map<String, Snap> sourceByGuid = new HashMap<>();
        Map<String, Snap> sourceByName = new HashMap<>();
        for (Snap s : src) {
            sourceByGuid.put(s.guid(), s);
            sourceByName.put(s.name(), s);
        }
        Snap newestCommonOnSource = null;
        int common = 0;
        for (Snap t : dst) {
            Snap s = sourceByGuid.get(t.guid());
            if (s != null) {
                common++;
                if (newestCommonOnSource == null || Snap.compareAge(s, newestCommonOnSource) > 0) {
                    newestCommonOnSource = s;
                }
            }
        }
        Backlog backlog = backlog(src, newestCommonOnSource);
        if (dst.isEmpty()) {
            ChainState state = src.isEmpty() ? ChainState.UNKNOWN : ChainState.BROKEN;
            return new ChainResult(state, null, 0, backlog.count, backlog.bytes, backlog.complete,
                    src.isEmpty() ? "no snapshot on either side yet"
                            : "the target dataset exists but holds no snapshot: no common base");
        }
        Snap targetNewest = dst.get(dst.size() - 1);
        Snap sameName = sourceByName.get(targetNewest.name());
        if (!sourceByGuid.containsKey(targetNewest.guid())) {
            String why = sameName != null
                    ? "the target's newest snapshot " + targetNewest.name() + " has GUID " + targetNewest.guid()
                            + " but the source's snapshot of that name has GUID " + sameName.guid()
                    : "the target's newest snapshot " + targetNewest.name() + " is not on the source";
            if (common == 0) {
                why += "; no common snapshot";
            } else {
                why += "; the target diverged after the common snapshot " + newestCommonOnSource.name();
            }
            return new ChainResult(ChainState.BROKEN, newestCommonOnSource, common, backlog.count, backlog.bytes,
                    backlog.complete, why);
        }
        if (common == 1) {
            return new ChainResult(ChainState.AT_RISK, newestCommonOnSource, 1, backlog.count, backlog.bytes,
                    backlog.complete, "only one common snapshot left: " + newestCommonOnSource.name());
        }
        return new ChainResult(ChainState.OK, newestCommonOnSource, common, backlog.count, backlog.bytes,
                backlog.complete, common + " common snapshots, newest " + newestCommonOnSource.name());
    }

    private static List<Snap> sorted(List<Snap> snaps) {
        List<Snap> copy = new ArrayList<>(snaps == null ? List.of() : snaps);
        copy.sort(Comparator.comparing(s -> s, Snap::compareAge));
        return copy;
    }

    private static Backlog backlog(List<Snap> sourceSorted, Snap newestCommon) {
        int count = 0;
        long bytes = 0;
        boolean complete = true;
        for (Snap s : sourceSorted) {
            if (newestCommon == null || Snap.compareAge(s, newestCommon) > 0) {
                count++;
                if (s.used() == null) {
                    complete = false;
                } else {
                    bytes += s.used();
                }
            }
        }
        return new Backlog(count, bytes, complete);
    }

    private record Backlog(int count, long bytes, boolean complete) {}
}
