package io.zsentinel.chain;

import java.util.List;
import java.util.Optional;

/**
 * The verdict on one dataset's chain with all its evidence: what {@link ChainDiff#compare} found.
 * The executor's planners act on it and the collector reports it, so they cannot disagree.
 *
 * @param common the snapshots both sides hold by GUID, oldest first (the target's order)
 * @param staleOwn the target's snapshots newer than the newest common one that are this job's
 *     own replication snapshots: leftovers of an interrupted run, cleaned up by the next run
 *     (pvesr's prepare step), not a divergence
 * @param foreign the target's other snapshots newer than the newest common one (see
 *     {@link Risk.ForeignSnapshots})
 * @param backlog the source's snapshots newer than the newest common one (all of them when
 *     nothing is common): what the next run has to send
 * @param backlogBytes the sum of the backlog's {@code used}, counting those that report it
 * @param backlogBytesComplete false when a backlog snapshot did not report {@code used}
 * @param risks why the chain is {@link ChainState#AT_RISK}; empty for every other state
 * @param evidence one line for a person: why this state
 */
public record ChainView(
        ChainState state,
        List<Common> common,
        List<Snapshot> staleOwn,
        List<Snapshot> foreign,
        List<Snapshot> backlog,
        long backlogBytes,
        boolean backlogBytesComplete,
        List<Risk> risks,
        String evidence) {
    public ChainView {
        common = List.copyOf(common);
        staleOwn = List.copyOf(staleOwn);
        foreign = List.copyOf(foreign);
        backlog = List.copyOf(backlog);
        risks = List.copyOf(risks);
    }

    /** Not judged: {@code evidence} says what is missing (e.g. an inventory not reported yet). */
    public static ChainView unknown(String evidence) {
        return new ChainView(
                ChainState.UNKNOWN, List.of(), List.of(), List.of(), List.of(), 0, true, List.of(), evidence);
    }

    /** The newest snapshot both sides hold: the recovery point and the next incremental's base. */
    public Optional<Common> newestCommon() {
        return common.isEmpty() ? Optional.empty() : Optional.of(common.get(common.size() - 1));
    }
}
