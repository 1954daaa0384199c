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
                    + ", target newest " + (targetNewest == null ? "(none: the target has no snapshot)" : "@" + targetNewest);
        }

        public ErrorClass errorClass() {
            return ErrorClass.CHAIN_BROKEN;
        }
    }

    /**
     * The target has snapshots newer than the newest common one that are not on the source (and
     * are not this job's own stale ones): receiving would need to destroy them.
     */
    record TargetDiverged(String dataset, String common, List<String> sourceOnly, List<String> targetOnly)
            implements Conflict {
        public TargetDiverged {
            sourceOnly = List.copyOf(sourceOnly);
            targetOnly = List.copyOf(targetOnly);
        }

        public String message() {
            return "the receiver's latest snapshot is not present on sender: " + dataset + " diverged after @" + common
                    + " (target only: " + targetOnly + ", source only: " + sourceOnly + ")";
        }

        public ErrorClass errorClass() {
            return ErrorClass.CHAIN_BROKEN;
        }
    }
}
