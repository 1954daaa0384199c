package io.zsentinel.chain;

/**
 * What an operator can lose, per dataset (design.md has the table). Ordered from best to worst
 * so that a job over several datasets takes the worst of them ({@link #worst}).
 */
public enum ChainState {
    /** The newest common snapshot is intact on both sides and the next incremental can run. */
    OK,
    /** Not judged yet: an inventory is missing, the target does not exist (a full send is due) or nothing has a snapshot. */
    UNKNOWN,
    /** The next incremental can still run from the base, but something real threatens it ({@link Risk}). */
    AT_RISK,
    /** No incremental is possible: no common snapshot. Only a resync recovers. */
    BROKEN;

    public ChainState worst(ChainState other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
