package io.zsentinel.executor.service;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.zsentinel.events.data.HeartbeatData;
import io.zsentinel.executor.config.JobConfig;
import io.zsentinel.executor.scheduling.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heartbeats, periodic inventories and pool usage, each on its own timer. The timers and the
 * heartbeat's contents (from the dispatcher's published view) are on this verticle's event
 * loop; publishing (the spool is a file) and SSH are on the workers. Rounds of one kind run one
 * at a time, a slow one delaying the next rather than overlapping it; the kinds do not wait for
 * each other.
 */
public final class ReporterVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(ReporterVerticle.class);

    /** The executor's id (the heartbeat's subject), the three periods, and what the heartbeat computes with. */
    public record Settings(
            String executorId,
            Duration heartbeat,
            Duration inventory,
            Duration pools,
            Clock clock,
            Scheduler scheduler) {}

    private final Settings settings;
    private final JobBoard board;
    private final Reports reports;
    private final WorkerExecutor workers;
    private final List<Long> timers = new ArrayList<>();
    private volatile boolean stopped;
    private Future<Void> heartbeats = Future.succeededFuture();
    private Future<Void> inventories = Future.succeededFuture();
    private Future<Void> pools = Future.succeededFuture();

    public ReporterVerticle(Settings settings, JobBoard board, Reports reports, WorkerExecutor workers) {
        this.settings = settings;
        this.board = board;
        this.reports = reports;
        this.workers = workers;
    }

    @Override
    public Future<?> start() {
        // inventories wait one period: the first runs take theirs as they end
        timers.add(vertx.setPeriodic(
                1,
                settings.heartbeat().toMillis(),
                id -> heartbeats = after(heartbeats, "heartbeat", this::heartbeat)));
        timers.add(vertx.setPeriodic(
                settings.inventory().toMillis(),
                settings.inventory().toMillis(),
                id -> inventories = after(inventories, "inventories", this::inventories)));
        timers.add(vertx.setPeriodic(
                1,
                settings.pools().toMillis(),
                id -> pools = after(pools, "pool usage", () -> blocking(() -> reports.pools(() -> stopped)))));
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        stopped = true; // a round under way ends at its next job or node
        timers.forEach(vertx::cancelTimer);
        return Future.succeededFuture();
    }

    private Future<Void> after(Future<Void> previous, String what, Supplier<Future<Void>> round) {
        return previous.transform(ignored -> stopped ? Future.<Void>succeededFuture() : round.get())
                .onFailure(e -> LOG.warn("{}: {}", what, e.toString()));
    }

    private Future<Void> heartbeat() {
        Instant now = settings.clock().instant();
        List<HeartbeatData.JobInfo> infos = new ArrayList<>();
        for (Scheduler.Job j : board.jobs()) {
            JobConfig c = j.config();
            infos.add(new HeartbeatData.JobInfo(
                    j.key(),
                    c.source(),
                    c.target(),
                    c.datasets(),
                    c.schedule().text(),
                    c.rpoTarget().toSeconds(),
                    c.enabled(),
                    settings.scheduler().nextRun(j, now).orElse(null),
                    j.state().failCount(),
                    j.state().running(),
                    settings.scheduler().drillDue(j)));
        }
        long interval = Math.max(1, settings.heartbeat().toSeconds());
        HeartbeatData data = new HeartbeatData(settings.executorId(), interval, infos);
        return blocking(() -> reports.heartbeat(data));
    }

    /** Job by job, each only while the dispatcher holds it as not running. */
    private Future<Void> inventories() {
        Future<Void> round = Future.succeededFuture();
        for (Scheduler.Job j : board.jobs()) {
            round = round.compose(v -> stopped ? Future.succeededFuture() : inventory(j.config()));
        }
        return round;
    }

    private Future<Void> inventory(JobConfig job) {
        String key = job.key().toString();
        return claim(key)
                .compose(claimed -> !claimed
                        ? Future.succeededFuture()
                        : blocking(() -> reports.inventory(job)).andThen(ar -> board.releaseInventory(key)));
    }

    /** The dispatcher answers on its context; the round goes on on this one. */
    private Future<Boolean> claim(String key) {
        Promise<Boolean> here = Promise.promise();
        board.claimInventory(key).onComplete(ar -> context.runOnContext(v -> here.handle(ar)));
        return here.future();
    }

    private Future<Void> blocking(Runnable task) {
        Callable<Void> call = () -> {
            task.run();
            return null;
        };
        try {
            return workers.executeBlocking(call, false);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
