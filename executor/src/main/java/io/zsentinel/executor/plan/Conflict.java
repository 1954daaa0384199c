package io.zsentinel.executor.plan;

import io.zsentinel.events.data.ErrorClass;
import java.util.List;

/**
 * Why a dataset cannot be replicated incrementally, with the evidence a person needs. Code
 * switches on the type; {@link #message()} is for humans and for {@code job.failed}.
 */
public sealed interface Conflict extends Decision {
    String dataset();

    String message();

    ErrorClass errorClass();

    /** The source dataset has no snapshots at all (nothing to send from). */
    record NoSourceSnapshots(String dataset) implements Conflict {
        public String message() {
            return "no snapshots available on sender side for " + dataset;
        }

        public ErrorClass errorClass() {
            return ErrorClass.NOT_FOUND;
        }
    }

    /**
     * The target exists but shares no snapshot (by GUID) with the source: pvesr's "No common base
     * snapshot on volume(s)". {@code targetNewest} is null when the target has no snapshot at all.
     */
    record NoCommonSnapshot(String dataset, String sourceNewest, String targetNewest) implements Conflict {
        public String message() {
            return "No common base snapshot on volume(s) " + dataset + ": source newest @" + sourceNewest
                    + ", target newest "
                    + (targetNewest == null ? "(none: the target has no snapshot)" : "@" + targetNewest);
        }

        public ErrorClass errorClass() {
            return ErrorClass.CHAIN_BROKEN;
        }
    }

    /**
     * The target holds snapshots newer than the base that are not on the source and are not this
     * job's ({@code Risk.ForeignSnapshots}): receiving would need to destroy them. They are
     * someone's, so the run stops and a human decides; the chain itself is intact (at risk, not
     * broken), so no resync is ordered for it.
     */
    record ForeignSnapshots(String dataset, String base, List<String> targetOnly) implements Conflict {
        public ForeignSnapshots {
            targetOnly = List.copyOf(targetOnly);
        }

        public String message() {
            return "the target holds snapshots newer than the base " + dataset + "@" + base
                    + " that are not on the source: " + targetOnly + "; an incremental receive would have to destroy "
                    + "them: remove or rename them on the target (or order a resync, which rolls the target back to @"
                    + base + ")";
        }

        public ErrorClass errorClass() {
            return ErrorClass.FOREIGN_SNAPSHOTS;
        }
    }
}
