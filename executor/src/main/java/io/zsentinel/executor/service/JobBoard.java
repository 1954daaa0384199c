package io.zsentinel.executor.service;

import io.vertx.core.Future;
import io.zsentinel.executor.scheduling.Scheduler;
import java.util.Collection;

/**
 * What the dispatcher lets the reporter see and do. The reporter never touches job state: it
 * reads the last published view and asks the dispatcher, on the dispatcher's context, to mark
 * a job as being inventoried.
 */
public interface JobBoard {
    /** The jobs as of the dispatcher's last change, in configuration order; from any thread. */
    Collection<Scheduler.Job> jobs();

    /** Marks the job as being inventoried unless a run is in progress; completes with whether it did. */
    Future<Boolean> claimInventory(String job);

    /** Its inventory is taken: the job may run again. */
    void releaseInventory(String job);
}
