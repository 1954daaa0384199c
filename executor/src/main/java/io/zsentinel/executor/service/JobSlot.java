package io.zsentinel.executor.service;

import io.zsentinel.events.data.CommandData;
import io.zsentinel.events.data.DrillData;
import io.zsentinel.events.data.ErrorClass;
import io.zsentinel.events.data.RunStage;
import io.zsentinel.executor.config.JobConfig;
import io.zsentinel.executor.drill.DrillSchedule;
import io.zsentinel.executor.run.RunOutcome;
import io.zsentinel.executor.scheduling.JobRunState;
import io.zsentinel.executor.scheduling.Scheduler;
import io.zsentinel.executor.state.JobStateStore;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the dispatcher holds for one job between ticks. Not thread-safe on purpose: only the
 * dispatcher's context reads or writes it; other threads see its {@link #view()}.
 */
final class JobSlot {
    final JobConfig config;
    JobRunState state;
    String lastSnapshot;
    /** A command waiting for the next tick. */
    CommandData pending;
    /** Its periodic inventory is being taken: a run waits for it (and an inventory never looks at a run). */
    boolean inventorying;
    /** A restore drill holds clones of its snapshots: no run starts (its prune would meet them). */
    boolean drilling;
    /** From when the next scheduled drill counts ({@link DrillSchedule}); the last drill try. */
    Instant drillSince;

    Instant lastDrillTry;
    /** The running run's; close sets it once the grace is over. */
    AtomicBoolean cancel = new AtomicBoolean();

    JobSlot(JobConfig config, JobStateStore.Saved saved, Instant now) {
        this.config = config;
        this.state = saved == null ? JobRunState.NEW : saved.runState();
        this.lastSnapshot = saved == null ? null : saved.lastSnapshot();
        this.drillSince = saved == null || saved.drillSince() == null ? now : saved.drillSince();
    }

    String key() {
        return config.key().toString();
    }

    Scheduler.Job view() {
        return new Scheduler.Job(config, state, pending != null, inventorying, drilling, drillSince, lastDrillTry);
    }

    JobStateStore.Saved saved() {
        return new JobStateStore.Saved(state.lastTry(), state.lastSync(), state.failCount(), lastSnapshot, drillSince);
    }

    /** A resync outranks a queued run-now; a second run-now while one waits is the same run. */
    void command(CommandData command) {
        if (pending == null || CommandData.RESYNC.equals(command.action())) {
            pending = command;
        }
    }

    /** The tick started its run: the command it serves, if any, is taken. */
    CommandData started(Instant now) {
        state = state.started(now);
        cancel = new AtomicBoolean();
        CommandData command = pending;
        pending = null;
        return command;
    }

    /** The run (for {@code command}, or scheduled when null) ended. */
    void finished(CommandData command, RunOutcome outcome) {
        if (outcome instanceof RunOutcome.Succeeded ok) {
            state = state.succeeded(state.lastTry());
            lastSnapshot = ok.snapshot();
        } else if (command != null
                && CommandData.RESYNC.equals(command.action())
                && outcome instanceof RunOutcome.Failed f
                && f.errorClass() == ErrorClass.NO_SPACE
                && f.stage() == RunStage.RESYNC) {
            // a refused resync changed nothing: the job's own failure streak stays as it was
            state = new JobRunState(state.lastTry(), state.lastSync(), state.failCount(), false);
        } else {
            state = state.failed();
        }
    }

    void drillStarted(Instant now) {
        drilling = true;
        lastDrillTry = now;
    }

    /** The drill ended; null when it crashed (its schedule stays where it was). */
    void drilled(DrillData d) {
        drilling = false;
        if (d != null && DrillSchedule.ran(d.reason())) {
            drillSince = d.startedAt();
        }
    }
}
