package io.zsentinel.executor.service;

import io.zsentinel.events.data.CommandData;
import io.zsentinel.events.data.DrillData;
import io.zsentinel.executor.config.JobConfig;
import io.zsentinel.executor.run.RunOutcome;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The blocking work the dispatcher hands to its workers: SSH, events, metrics. Called on a
 * worker thread, never on the event loop; the dispatcher only sees what it returns.
 */
public interface JobWork {
    /**
     * One run, or a resync when {@code command} says so; reports its own events.
     *
     * @param failCount the failures before this run (for job.failed)
     * @param cancel set when close gives up waiting for it
     */
    RunOutcome run(JobConfig job, CommandData command, int failCount, AtomicBoolean cancel);

    /** One scheduled restore drill and its event; null when it crashed before a verdict. */
    DrillData drill(JobConfig job);
}
