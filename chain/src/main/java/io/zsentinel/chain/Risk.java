package io.zsentinel.chain;

import java.util.List;

/** Why a chain is {@link ChainState#AT_RISK}: each carries its evidence and says it for a person. */
public sealed interface Risk {
    String describe();

    /**
     * The target holds snapshots newer than the base that are not on the source and are not this
     * job's: the next incremental needs them gone ({@code zfs receive -F}, as pvesr runs it,
     * destroys them; a receive without {@code -F} fails). Someone's data, so a human decides.
     */
    record ForeignSnapshots(String base, List<String> names) implements Risk {
        public ForeignSnapshots {
            names = List.copyOf(names);
        }

        public String describe() {
            return "the target holds " + names.size() + (names.size() == 1 ? " snapshot" : " snapshots")
                    + " newer than the base @" + base + " that the source does not have: " + names
                    + "; the next incremental would destroy them (zfs receive -F) or fail";
        }
    }

    /**
     * The only common snapshot is not one of this job's replication snapshots, so the job does
     * not keep it: another tool's retention (or a person) can destroy it, and then only a full
     * resync recovers.
     */
    record UnprotectedBase(String base) implements Risk {
        public String describe() {
            return "the only common snapshot @" + base + " is not one of this job's: whoever made it may prune it";
        }
    }

    /**
     * The target pool cannot take the next delta: its free space is below the pool's slop
     * reservation (1/32 of its size, which datasets cannot use) plus the backlog's bytes, at least
     * {@link ChainDiff#MIN_DELTA_BYTES} (1 % of a small pool).
     */
    record NoRoom(long freeBytes, long neededBytes) implements Risk {
        public String describe() {
            return "the target pool has " + freeBytes + " bytes free, the next receive needs about " + neededBytes
                    + " (1/32 of the pool is reserved)";
        }
    }
}
