package io.zsentinel.executor.service;

import static io.zsentinel.executor.service.Jobs.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.junit5.VertxExtension;
import io.zsentinel.events.data.CommandData;
import io.zsentinel.events.data.ErrorClass;
import io.zsentinel.events.data.RunStage;
import io.zsentinel.executor.config.JobConfig;
import io.zsentinel.executor.run.RunOutcome;
import io.zsentinel.executor.scheduling.JobRunState;
import io.zsentinel.executor.scheduling.Scheduler;
import io.zsentinel.executor.state.JobStateStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The dispatcher with runs that last until the test ends them, on a clock the test moves. */
@ExtendWith(VertxExtension.class)
class DispatcherVerticleTest {
    private static final Duration TICK = Duration.ofMillis(20);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant LAST = Instant.parse("2026-11-26T10:00:00Z");
    private static final JobConfig A = Jobs.job("101-0", "pve1", "pve2", "*/15");
    private static final JobConfig B = Jobs.job("102-0", "pve1", "pve2", "*/15");
    private static final JobConfig C = Jobs.job("103-0", "pve3", "pve4", "*/15");
    /** Not due before 2099 once tried. */
    private static final JobConfig LATER = Jobs.job("104-0", "pve1", "pve2", "2099-01-01");

    private final TestClock clock = new TestClock(NOW);
    private final FakeWork work = new FakeWork();
    private final List<Map<String, JobStateStore.Saved>> saves = new CopyOnWriteArrayList<>();
    private final List<Boolean> savedOnWorker = new CopyOnWriteArrayList<>();
    private Vertx vertx;
    private WorkerExecutor workers;

    @BeforeEach
    void setUp(Vertx vertx) {
        this.vertx = vertx;
        workers = vertx.createSharedWorkerExecutor("dispatcher-test", 4);
    }

    /** Cut what still runs, and let the dispatcher settle before the extension closes Vert.x. */
    @AfterEach
    void endWhatStillRuns() {
        work.cutOff();
        for (String id : vertx.deploymentIDs()) {
            vertx.undeploy(id).await();
        }
    }

    private DispatcherVerticle deploy(
            List<JobConfig> jobs, Map<String, JobStateStore.Saved> saved, int perNode, Duration grace) {
        DispatcherVerticle d = new DispatcherVerticle(
                new DispatcherVerticle.Settings(TICK, grace, clock, new Scheduler(ZoneOffset.UTC, perNode)),
                jobs,
                saved,
                work,
                workers,
                s -> {
                    savedOnWorker.add(Context.isOnWorkerThread());
                    saves.add(s);
                },
                work::cutOff);
        vertx.deployVerticle(d).await();
        return d;
    }

    private DispatcherVerticle deploy(List<JobConfig> jobs) {
        return deploy(jobs, Map.of(), 5, Duration.ofSeconds(20));
    }

    private static JobStateStore.Saved tried() {
        return new JobStateStore.Saved(LAST, LAST, 0, "snap-0");
    }

    /** Waits until the dispatcher has ticked {@code n} more times (each tick reads the clock once). */
    private void ticks(int n) {
        long from = clock.reads();
        await().atMost(WAIT).until(() -> clock.reads() >= from + n);
    }

    private static RunOutcome ok(String snapshot) {
        return new RunOutcome.Succeeded(snapshot, NOW, 100);
    }

    @Test
    void dueJobsAreDispatchedOnceToAWorkerAndARunningJobNotAgain() {
        DispatcherVerticle d = deploy(List.of(A, C));
        await().atMost(WAIT).until(() -> work.runs.size() == 2);
        ticks(5);
        assertThat(work.runs).extracting(FakeWork.Call::job).containsExactlyInAnyOrder("lab/101-0", "lab/103-0");
        assertThat(work.runs).allSatisfy(c -> assertThat(c.onWorker()).isTrue());
        assertThat(d.state("lab/101-0").running()).isTrue();
        assertThat(d.state("lab/101-0").lastTry()).isEqualTo(NOW);
        assertThat(d.running()).isEqualTo(2);
        assertThat(d.jobs()).extracting(Scheduler.Job::key).containsExactly("lab/101-0", "lab/103-0");
    }

    @Test
    void aResultUpdatesTheStateOnTheContextAndIsSavedOnAWorker() {
        DispatcherVerticle d = deploy(List.of(A));
        await().atMost(WAIT).until(() -> work.runs.size() == 1);
        work.finish("lab/101-0", ok("snap-1"));
        await().atMost(WAIT).until(() -> !d.state("lab/101-0").running());
        assertThat(d.state("lab/101-0")).isEqualTo(new JobRunState(NOW, NOW, 0, false));
        await().atMost(WAIT)
                .until(() -> !saves.isEmpty()
                        && "snap-1"
                                .equals(saves.get(saves.size() - 1)
                                        .get("lab/101-0")
                                        .lastSnapshot()));
        assertThat(savedOnWorker).containsOnly(true);
        assertThat(saves.get(saves.size() - 1).get("lab/101-0"))
                .isEqualTo(new JobStateStore.Saved(NOW, NOW, 0, "snap-1", NOW));
        ticks(5);
        assertThat(work.runs).as("not due again before 10:15").hasSize(1);
    }

    @Test
    void aFailedRunIsRetriedAfterTheBackoffOnTheClock() {
        DispatcherVerticle d = deploy(List.of(LATER));
        await().atMost(WAIT).until(() -> work.runs.size() == 1);
        work.finish("lab/104-0", new RunOutcome.Failed(RunStage.SEND, ErrorClass.NO_SPACE, "full"));
        await().atMost(WAIT).until(() -> d.state("lab/104-0").failCount() == 1);
        ticks(5);
        assertThat(work.runs).hasSize(1);
        clock.advance(Duration.ofMinutes(5));
        await().atMost(WAIT).until(() -> work.runs.size() == 2);
        assertThat(work.runs.get(1).failCount()).isEqualTo(1);
    }

    @Test
    void aCrashedRunCountsAsAFailure() {
        DispatcherVerticle d = deploy(List.of(LATER));
        await().atMost(WAIT).until(() -> work.runs.size() == 1);
        work.crash("lab/104-0");
        await().atMost(WAIT)
                .until(() -> d.state("lab/104-0").failCount() == 1
                        && !d.state("lab/104-0").running());
    }

    @Test
    void atMostKTransfersPerNode() {
        deploy(List.of(A, B, C), Map.of(), 1, Duration.ofSeconds(20));
        await().atMost(WAIT).until(() -> work.runs.size() == 2);
        ticks(5);
        assertThat(work.runs).extracting(FakeWork.Call::job).containsExactlyInAnyOrder("lab/101-0", "lab/103-0");
        work.finish("lab/101-0", ok("snap-1"));
        await().atMost(WAIT).until(() -> work.runs.size() == 3);
        assertThat(work.runs.get(2).job()).isEqualTo("lab/102-0");
    }

    @Test
    void commandsRunAJobThatIsNotDueAndAResyncOutranksARunNow() {
        DispatcherVerticle d = deploy(List.of(LATER), Map.of("lab/104-0", tried()), 5, Duration.ofSeconds(20));
        ticks(3);
        assertThat(work.runs).isEmpty();
        CommandData runNow = Jobs.command("lab/104-0", CommandData.RUN_NOW);
        d.command("lab/104-0", runNow);
        await().atMost(WAIT).until(() -> work.runs.size() == 1);
        assertThat(work.runs.get(0).command()).isSameAs(runNow);
        // while it runs, a run-now and a resync wait; the resync is what runs next
        CommandData resync = Jobs.command("lab/104-0", CommandData.RESYNC);
        d.command("lab/104-0", Jobs.command("lab/104-0", CommandData.RUN_NOW));
        d.command("lab/104-0", resync);
        await().atMost(WAIT).until(() -> d.jobs().iterator().next().commanded());
        work.finish("lab/104-0", ok("snap-1"));
        await().atMost(WAIT).until(() -> work.runs.size() == 2);
        assertThat(work.runs.get(1).command()).isSameAs(resync);
        work.finish("lab/104-0", ok("snap-2"));
        await().atMost(WAIT).until(() -> !d.state("lab/104-0").running());
        ticks(5);
        assertThat(work.runs).hasSize(2);
    }

    @Test
    void aJobBeingInventoriedWaitsAndARunningJobIsNotInventoried() {
        DispatcherVerticle d = deploy(List.of(LATER, A), Map.of("lab/104-0", tried()), 5, Duration.ofSeconds(20));
        await().atMost(WAIT).until(() -> work.runs.size() == 1);
        assertThat(d.claimInventory("lab/101-0").await()).as("A runs").isFalse();
        assertThat(d.claimInventory("lab/104-0").await()).isTrue();
        d.command("lab/104-0", Jobs.command("lab/104-0", CommandData.RUN_NOW));
        await().atMost(WAIT).until(() -> d.jobs().iterator().next().commanded());
        ticks(5);
        assertThat(work.runsOf("lab/104-0")).isZero();
        d.releaseInventory("lab/104-0");
        await().atMost(WAIT).until(() -> work.runsOf("lab/104-0") == 1);
    }

    @Test
    void aDueDrillRunsOnAWorkerAndHoldsOffRuns() {
        JobConfig drilled = Jobs.job("105-0", "pve1", "pve2", "2099-01-01", "*:0/5");
        DispatcherVerticle d = deploy(List.of(drilled), Map.of("lab/105-0", tried()), 5, Duration.ofSeconds(20));
        ticks(3);
        assertThat(work.drills).isEmpty();
        clock.advance(Duration.ofMinutes(5));
        await().atMost(WAIT).until(() -> work.drills.size() == 1);
        d.command("lab/105-0", Jobs.command("lab/105-0", CommandData.RUN_NOW));
        ticks(5);
        assertThat(work.runs).as("no run while its drill holds clones").isEmpty();
        Instant started = clock.instant();
        work.drillDone("lab/105-0", Jobs.drilled(drilled, started, null));
        await().atMost(WAIT).until(() -> work.runs.size() == 1);
        await().atMost(WAIT)
                .until(() -> saves.stream()
                        .anyMatch(s -> started.equals(s.get("lab/105-0").drillSince())));
        assertThat(work.drills).hasSize(1);
    }

    @Test
    void undeployingWaitsForTheRunInProgressThenSavesIt() {
        DispatcherVerticle d = deploy(List.of(A));
        await().atMost(WAIT).until(() -> work.runs.size() == 1);
        Future<Void> stopped = vertx.undeploy(d.deploymentID());
        d.command("lab/101-0", Jobs.command("lab/101-0", CommandData.RUN_NOW));
        await().during(Duration.ofMillis(200)).atMost(WAIT).until(() -> !stopped.isComplete());
        work.finish("lab/101-0", ok("snap-1"));
        await().atMost(WAIT).until(stopped::isComplete);
        assertThat(stopped.succeeded()).isTrue();
        assertThat(saves.get(saves.size() - 1).get("lab/101-0").lastSnapshot()).isEqualTo("snap-1");
        assertThat(work.runs).as("nothing starts once closing").hasSize(1);
        assertThat(work.runs.get(0).cancel().get()).isFalse();
    }

    @Test
    void pastTheGraceRunsAreCancelledCutOffAndTheirFailureSaved() throws Exception {
        DispatcherVerticle d = deploy(List.of(A), Map.of(), 5, Duration.ofMillis(200));
        await().atMost(WAIT).until(() -> work.runs.size() == 1);
        vertx.undeploy(d.deploymentID()).await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(work.runs.get(0).cancel().get()).isTrue();
        assertThat(work.cutOnWorker.get()).isTrue();
        assertThat(d.state("lab/101-0")).isEqualTo(new JobRunState(NOW, null, 1, false));
        assertThat(saves.get(saves.size() - 1).get("lab/101-0").failCount()).isEqualTo(1);
    }
}
