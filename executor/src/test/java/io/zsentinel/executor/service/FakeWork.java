package io.zsentinel.executor.service;

import io.vertx.core.Context;
import io.zsentinel.events.data.CommandData;
import io.zsentinel.events.data.DrillData;
import io.zsentinel.events.data.ErrorClass;
import io.zsentinel.events.data.RunStage;
import io.zsentinel.executor.config.JobConfig;
import io.zsentinel.executor.run.RunOutcome;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Runs and drills that last until the test ends them ({@link #finish}, {@link #drillDone}), or
 * until their connections are cut ({@link #cutOff}); records what was asked and where.
 */
final class FakeWork implements JobWork {
    /** One run as it was asked for. */
    record Call(String job, CommandData command, int failCount, AtomicBoolean cancel, boolean onWorker) {}

    final List<Call> runs = new CopyOnWriteArrayList<>();
    final List<String> drills = new CopyOnWriteArrayList<>();
    private final Map<String, BlockingQueue<Supplier<RunOutcome>>> outcomes = new ConcurrentHashMap<>();
    private final Map<String, BlockingQueue<DrillData>> drillResults = new ConcurrentHashMap<>();
    private final AtomicBoolean cut = new AtomicBoolean();
    final AtomicBoolean cutOnWorker = new AtomicBoolean();

    void finish(String job, RunOutcome outcome) {
        queue(job).add(() -> outcome);
    }

    /** The run in progress throws instead of returning. */
    void crash(String job) {
        queue(job).add(() -> {
            throw new IllegalStateException("boom");
        });
    }

    void drillDone(String job, DrillData d) {
        drillResults.computeIfAbsent(job, k -> new LinkedBlockingQueue<>()).add(d);
    }

    /** The dispatcher's cut-off: what closing SSH does to a run in progress. */
    void cutOff() {
        cutOnWorker.set(Context.isOnWorkerThread());
        cut.set(true);
    }

    long runsOf(String job) {
        return runs.stream().filter(c -> c.job().equals(job)).count();
    }

    private BlockingQueue<Supplier<RunOutcome>> queue(String job) {
        return outcomes.computeIfAbsent(job, k -> new LinkedBlockingQueue<>());
    }

    @Override
    public RunOutcome run(JobConfig job, CommandData command, int failCount, AtomicBoolean cancel) {
        String key = job.key().toString();
        runs.add(new Call(key, command, failCount, cancel, Context.isOnWorkerThread()));
        try {
            while (true) {
                Supplier<RunOutcome> next = queue(key).poll(10, TimeUnit.MILLISECONDS);
                if (next != null) {
                    return next.get();
                }
                if (cut.get()) {
                    return new RunOutcome.Failed(RunStage.SEND, ErrorClass.STREAM_BROKEN, "connection closed");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public DrillData drill(JobConfig job) {
        String key = job.key().toString();
        drills.add(key);
        try {
            while (!cut.get()) {
                DrillData d = drillResults
                        .computeIfAbsent(key, k -> new LinkedBlockingQueue<>())
                        .poll(10, TimeUnit.MILLISECONDS);
                if (d != null) {
                    return d;
                }
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
