package io.zsentinel.collector.chain;

/**
 * How safe the incremental chain between source and target is. Ordered from best to worst so
 * that a job over several datasets takes the worst of them ({@link #worst}).
 */
public enum ChainState {
    /** The target's newest snapshot is on the source with the same GUID, and more than one is common. */
    OK,
    /** Not known yet: no inventory of one side, or the target dataset does not exist (a full send is pending). */
    UNKNOWN,
    /** Exactly one common snapshot left: losing it means a full resync. */
    AT_RISK,
    /** No common snapshot, or the target diverged: only a resync recovers. */
    BROKEN;

    public ChainState worst(ChainState other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
