package io.zsentinel.executor.service;

import static io.zsentinel.executor.service.Jobs.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.zsentinel.events.data.HeartbeatData;
import io.zsentinel.executor.config.JobConfig;
import io.zsentinel.executor.scheduling.JobRunState;
import io.zsentinel.executor.scheduling.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The reporter against a board and reports the test holds. */
@ExtendWith(VertxExtension.class)
class ReporterVerticleTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant LAST = Instant.parse("2026-11-26T10:00:00Z");
    private static final JobConfig IDLE = Jobs.job("101-0", "pve1", "pve2", "*/15", "quarterly");
    private static final JobConfig BUSY = Jobs.job("102-0", "pve1", "pve2", "*/15");

    private final TestClock clock = new TestClock(NOW);
    private final Board board = new Board();
    private final Recorder reports = new Recorder();
    private Vertx vertx;

    /** Two jobs; {@link #BUSY} runs, so the board refuses its inventory. */
    private static final class Board implements JobBoard {
        final List<String> claims = new CopyOnWriteArrayList<>();
        final List<String> releases = new CopyOnWriteArrayList<>();

        @Override
        public Collection<Scheduler.Job> jobs() {
            return List.of(
                    new Scheduler.Job(IDLE, new JobRunState(LAST, LAST, 2, false), false, false, false, LAST, null),
                    new Scheduler.Job(BUSY, new JobRunState(LAST, LAST, 0, true), false, false, false, LAST, null));
        }

        @Override
        public Future<Boolean> claimInventory(String job) {
            claims.add(job);
            return Future.succeededFuture(!job.equals(BUSY.key().toString()));
        }

        @Override
        public void releaseInventory(String job) {
            releases.add(job);
        }
    }

    private static final class Recorder implements Reports {
        final List<HeartbeatData> heartbeats = new CopyOnWriteArrayList<>();
        final List<String> inventories = new CopyOnWriteArrayList<>();
        final AtomicInteger pools = new AtomicInteger();
        final Set<Boolean> onWorker = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final AtomicBoolean inventoryUnderWay = new AtomicBoolean();
        final AtomicBoolean overlapped = new AtomicBoolean();

        @Override
        public void heartbeat(HeartbeatData data) {
            onWorker.add(Context.isOnWorkerThread());
            heartbeats.add(data);
        }

        @Override
        public void inventory(JobConfig job) {
            onWorker.add(Context.isOnWorkerThread());
            if (!inventoryUnderWay.compareAndSet(false, true)) {
                overlapped.set(true);
            }
            inventories.add(job.key().toString());
            inventoryUnderWay.set(false);
        }

        @Override
        public void pools(BooleanSupplier stopped) {
            onWorker.add(Context.isOnWorkerThread());
            pools.incrementAndGet();
        }
    }

    @BeforeEach
    void setUp(Vertx vertx) {
        this.vertx = vertx;
    }

    private String deploy(Duration heartbeat, Duration inventory, Duration pools) {
        ReporterVerticle r = new ReporterVerticle(
                new ReporterVerticle.Settings(
                        "exec-1", heartbeat, inventory, pools, clock, new Scheduler(ZoneOffset.UTC, 1)),
                board,
                reports,
                vertx.createSharedWorkerExecutor("reporter-test", 2));
        return vertx.deployVerticle(r).await();
    }

    @Test
    void heartbeatsCarryEveryJobFromTheBoard() {
        deploy(Duration.ofMillis(50), Duration.ofHours(1), Duration.ofHours(1));
        await().atMost(WAIT).until(() -> reports.heartbeats.size() >= 3);
        HeartbeatData h = reports.heartbeats.get(0);
        assertThat(h.executorId()).isEqualTo("exec-1");
        assertThat(h.intervalSeconds()).as("at least 1 s").isEqualTo(1);
        assertThat(h.jobs()).extracting(HeartbeatData.JobInfo::job).containsExactly("lab/101-0", "lab/102-0");
        HeartbeatData.JobInfo idle = h.jobs().get(0);
        assertThat(idle.failCount()).isEqualTo(2);
        assertThat(idle.running()).isFalse();
        // two failures: retried 10 minutes after the last try, before the 10:15 schedule
        assertThat(idle.nextRun()).isEqualTo(LAST.plus(Duration.ofMinutes(10)));
        assertThat(idle.drillDue()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(idle.schedule()).isEqualTo("*/15");
        assertThat(idle.rpoTargetSeconds()).isEqualTo(1200);
        assertThat(h.jobs().get(1).running()).isTrue();
        assertThat(h.jobs().get(1).drillDue()).isNull();
        assertThat(reports.onWorker).containsOnly(true);
    }

    @Test
    void inventoriesAreTakenOnlyOfJobsTheBoardLetsGoAndReleasedAfter() {
        deploy(Duration.ofHours(1), Duration.ofMillis(50), Duration.ofHours(1));
        await().atMost(WAIT).until(() -> reports.inventories.size() >= 3 && board.claims.contains("lab/102-0"));
        assertThat(reports.inventories).containsOnly("lab/101-0");
        await().atMost(WAIT).until(() -> board.releases.size() >= reports.inventories.size() - 1);
        assertThat(board.releases).containsOnly("lab/101-0");
        assertThat(reports.overlapped.get()).as("one round at a time").isFalse();
        assertThat(reports.onWorker).containsOnly(true);
    }

    @Test
    void poolUsageOnItsTimerAndNothingOnceUndeployed() {
        String id = deploy(Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofMillis(50));
        await().atMost(WAIT)
                .until(() ->
                        reports.pools.get() >= 2 && reports.heartbeats.size() >= 2 && reports.inventories.size() >= 2);
        assertThat(reports.onWorker).containsOnly(true);
        vertx.undeploy(id).await();
        int pools = reports.pools.get();
        int heartbeats = reports.heartbeats.size();
        int inventories = reports.inventories.size();
        // a round started just before the undeploy may still end; none starts after
        await().during(Duration.ofMillis(300))
                .atMost(WAIT)
                .until(() -> reports.pools.get() <= pools + 1
                        && reports.heartbeats.size() <= heartbeats + 1
                        && reports.inventories.size() <= inventories + 1);
    }
}
