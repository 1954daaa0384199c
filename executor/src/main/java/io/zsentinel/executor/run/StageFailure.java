package io.zsentinel.executor.run;

import io.zsentinel.events.data.ErrorClass;
import io.zsentinel.executor.plan.Conflict;

/** A run step failed with a class decided at the edge (ZFS/SSH text, or a planner conflict). */
final class StageFailure extends Exception {
    final ErrorClass errorClass;
    /** The chain planner refused the run: the two sides' snapshots are what went wrong. */
    final boolean conflict;

    StageFailure(ErrorClass errorClass, String message) {
        this(errorClass, message, false);
    }

    private StageFailure(ErrorClass errorClass, String message, boolean conflict) {
        super(message);
        this.errorClass = errorClass;
        this.conflict = conflict;
    }

    static StageFailure conflict(Conflict c) {
        return new StageFailure(c.errorClass(), c.message(), true);
    }
}
