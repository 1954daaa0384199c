package io.zsentinel.executor.run;

import io.zsentinel.events.data.ErrorClass;

/** A run step failed with a class decided at the edge (ZFS/SSH text, or a planner conflict). */
final class StageFailure extends Exception {
    final ErrorClass errorClass;

    StageFailure(ErrorClass errorClass, String message) {
        super(message);
        this.errorClass = errorClass;
    }
}
