package io.zsentinel.executor.service;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.zsentinel.events.data.CommandData;
import io.zsentinel.events.data.DrillData;
import io.zsentinel.events.data.ErrorClass;
import io.zsentinel.events.data.RunStage;
import io.zsentinel.executor.config.JobConfig;
import io.zsentinel.executor.run.RunOutcome;
import io.zsentinel.executor.scheduling.JobRunState;
import io.zsentinel.executor.scheduling.Scheduler;
import io.zsentinel.executor.state.JobStateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduling tick and the runs it starts. Job state lives on this verticle's event loop
 * only: the tick decides there ({@link Scheduler}), runs, drills and every write of the state
 * file go to the workers, and their results come back here, so no lock is ever shared with a
 * worker. Other threads read the view published after each change, or ask through
 * {@link #command} and the {@link JobBoard} methods, which hop onto this context.
 *
 * <p>Undeploying lets the runs (and drills, whose clones would be left) in progress finish, for
 * up to {@code grace}: a send cut off half-way costs the target's receive and the run, and on
 * zfs-fuse it left the sent snapshot busy until the daemon restarted. Past the grace it cancels
 * them, cuts their connections ({@code cutOff}, on a worker) and waits {@link #CUT_WAIT} more
 * for them to report their failure and have it saved.
 */
public final class DispatcherVerticle extends VerticleBase implements JobBoard {
    private static final Logger LOG = LoggerFactory.getLogger(DispatcherVerticle.class);
    /** How long cut-off runs get to end once their connections are closed. */
    static final Duration CUT_WAIT = Duration.ofSeconds(5);

    /** The tick's period, the close grace, the clock the tick reads and the scheduler it asks. */
    public record Settings(Duration tick, Duration grace, Clock clock, Scheduler scheduler) {}

    private final Settings settings;
    private final JobWork work;
    private final WorkerExecutor workers;
    private final Consumer<Map<String, JobStateStore.Saved>> store;
    private final Runnable cutOff;
    private final Map<String, JobSlot> jobs = new LinkedHashMap<>();
    private volatile Map<String, Scheduler.Job> view;
    private Thread loop;
    private long timer = -1;
    private boolean saving;
    private boolean dirty;
    private Promise<Void> stopped;

    /**
     * @param saved the state file as loaded ({@code JobStateStore.load})
     * @param store writes the state file; called on a worker, one call at a time
     * @param cutOff closes the runs' connections once the close grace is over; called on a worker
     */
    public DispatcherVerticle(
            Settings settings,
            List<JobConfig> jobConfigs,
            Map<String, JobStateStore.Saved> saved,
            JobWork work,
            WorkerExecutor workers,
            Consumer<Map<String, JobStateStore.Saved>> store,
            Runnable cutOff) {
        this.settings = settings;
        this.work = work;
        this.workers = workers;
        this.store = store;
        this.cutOff = cutOff;
        Instant now = settings.clock().instant();
        for (JobConfig j : jobConfigs) {
            jobs.put(j.key().toString(), new JobSlot(j, saved.get(j.key().toString()), now));
        }
        publish();
    }

    @Override
    public Future<?> start() {
        loop = Thread.currentThread();
        timer = vertx.setPeriodic(1, settings.tick().toMillis(), id -> tick());
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        assert confined();
        vertx.cancelTimer(timer);
        stopped = Promise.promise();
        long grace = vertx.setTimer(Math.max(1, settings.grace().toMillis()), id -> cutOff());
        stopped.future().onComplete(ar -> vertx.cancelTimer(grace));
        settleIfQuiet();
        return stopped.future();
    }

    private void tick() {
        if (stopped != null) {
            return;
        }
        Instant now = settings.clock().instant();
        Scheduler.Tick decision = settings.scheduler()
                .decide(jobs.values().stream().map(JobSlot::view).toList(), now);
        for (String key : decision.runs()) {
            startRun(jobs.get(key), now);
        }
        for (String key : decision.drills()) {
            startDrill(jobs.get(key), now);
        }
        if (!decision.runs().isEmpty() || !decision.drills().isEmpty()) {
            publish();
        }
    }

    private void startRun(JobSlot slot, Instant now) {
        CommandData command = slot.started(now);
        int failCount = slot.state.failCount();
        var cancel = slot.cancel;
        blocking(() -> work.run(slot.config, command, failCount, cancel)).onComplete(ar -> {
            slot.finished(command, outcome(slot, ar));
            changed();
        });
    }

    private static RunOutcome outcome(JobSlot slot, AsyncResult<RunOutcome> ar) {
        if (ar.succeeded() && ar.result() != null) {
            return ar.result();
        }
        LOG.error("{}: run crashed", slot.key(), ar.cause());
        return new RunOutcome.Failed(RunStage.PREPARE, ErrorClass.UNKNOWN, String.valueOf(ar.cause()));
    }

    private void startDrill(JobSlot slot, Instant now) {
        slot.drillStarted(now);
        blocking(() -> work.drill(slot.config)).onComplete(ar -> {
            if (ar.failed()) {
                LOG.error("{}: drill crashed", slot.key(), ar.cause());
            }
            slot.drilled(ar.succeeded() ? ar.result() : (DrillData) null);
            changed();
        });
    }

    private void changed() {
        assert confined();
        publish();
        persist();
        settleIfQuiet();
    }

    /** One write at a time; changes made meanwhile are written by the next one, in order. */
    private void persist() {
        dirty = true;
        if (!saving) {
            saveNext();
        }
    }

    private void saveNext() {
        saving = true;
        dirty = false;
        Map<String, JobStateStore.Saved> out = new LinkedHashMap<>();
        jobs.forEach((k, j) -> out.put(k, j.saved()));
        blocking(() -> {
                    store.accept(out);
                    return null;
                })
                .onComplete(ar -> {
                    saving = false;
                    if (ar.failed()) {
                        LOG.warn("cannot persist job state: {}", ar.cause().getMessage());
                    }
                    if (dirty) {
                        saveNext();
                    } else {
                        settleIfQuiet();
                    }
                });
    }

    private void settleIfQuiet() {
        if (stopped != null && !saving && jobs.values().stream().noneMatch(j -> j.state.running() || j.drilling)) {
            stopped.tryComplete();
        }
    }

    private void cutOff() {
        List<String> busy = jobs.values().stream()
                .filter(j -> j.state.running() || j.drilling)
                .map(JobSlot::key)
                .toList();
        LOG.warn("closing: {} still in progress after {}, cutting them off", busy, settings.grace());
        jobs.values().forEach(j -> j.cancel.set(true));
        blocking(() -> {
            cutOff.run();
            return null;
        });
        vertx.setTimer(CUT_WAIT.toMillis(), id -> stopped.tryComplete());
    }

    /** On a worker; a closed executor fails the future instead of throwing here. */
    private <T> Future<T> blocking(Callable<T> task) {
        try {
            return workers.executeBlocking(task, false);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private void publish() {
        Map<String, Scheduler.Job> next = new LinkedHashMap<>();
        jobs.forEach((k, j) -> next.put(k, j.view()));
        view = Collections.unmodifiableMap(next);
    }

    private boolean confined() {
        return loop == null || Thread.currentThread() == loop;
    }

    /** Queues a command for its job's next tick (from the command loop's thread). */
    public void command(String job, CommandData command) {
        context.runOnContext(v -> {
            jobs.get(job).command(command);
            publish();
        });
    }

    /** A job's state as last published; from any thread. */
    public JobRunState state(String job) {
        return view.get(job).state();
    }

    /** Jobs with a run in progress, as last published. */
    public long running() {
        return view.values().stream().filter(j -> j.state().running()).count();
    }

    @Override
    public Collection<Scheduler.Job> jobs() {
        return view.values();
    }

    @Override
    public Future<Boolean> claimInventory(String job) {
        Promise<Boolean> claimed = Promise.promise();
        context.runOnContext(v -> {
            JobSlot slot = jobs.get(job);
            boolean free = !slot.state.running();
            if (free) {
                slot.inventorying = true;
            }
            claimed.complete(free);
        });
        return claimed.future();
    }

    @Override
    public void releaseInventory(String job) {
        context.runOnContext(v -> jobs.get(job).inventorying = false);
    }
}
