package io.zsentinel.collector.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.chain.Snapshot;
import io.zsentinel.collector.Frozen;
import io.zsentinel.collector.Thresholds;
import io.zsentinel.collector.finding.Condition;
import io.zsentinel.collector.fixtures.Events;
import io.zsentinel.events.EventType;
import io.zsentinel.events.data.DrillData;
import io.zsentinel.events.data.ErrorClass;
import io.zsentinel.events.data.EventData;
import io.zsentinel.events.data.HeartbeatData;
import io.zsentinel.events.data.JobSucceededData;
import io.zsentinel.events.data.ResyncData;
import io.zsentinel.events.data.RunStage;
import io.zsentinel.events.data.SendProgressData;
import io.zsentinel.events.data.SendStartedData;
import io.zsentinel.events.data.TransferCompletedData;
import io.zsentinel.events.state.JobStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JobEvaluatorTest {
    static final long MIN = 60_000;
    static final Thresholds TH = Thresholds.defaults();
    static final Function<String, JobEvaluator.PoolFree> NO_POOLS = key -> null;

    static JobState job() {
        return edit(JobFacts.newJob("lab/101-0", 0), b -> {
            b.executor = "ex1";
            b.source = "pve1";
            b.target = "pve2";
            b.rpoTargetSeconds = 600;
            b.schedule = "*/5";
            b.enabled = true;
        });
    }

    /** {@code s} changed by {@code change}: the state that a fold would make. */
    static JobState edit(JobState s, Consumer<JobState.Builder> change) {
        JobState.Builder b = s.toBuilder();
        change.accept(b);
        return b.build();
    }

    /** {@code "name:guid:minute"} list. */
    static List<Snapshot> snaps(String notation) {
        List<Snapshot> out = new ArrayList<>();
        for (String item : notation.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            String[] f = item.split(":");
            out.add(new Snapshot(f[0], f[1], Long.parseLong(f[2]) * MIN, null, 1000L, 5000L));
        }
        return out;
    }

    static JobState inventory(JobState s, String dataset, String source, String target, long reportedMs) {
        return edit(s, b -> {
            b.sourceInventory =
                    Frozen.with(b.sourceInventory, dataset, new Inventory("pve1", true, reportedMs, snaps(source)));
            b.targetInventory =
                    Frozen.with(b.targetInventory, dataset, new Inventory("pve2", true, reportedMs, snaps(target)));
        });
    }

    static List<String> names(JobEvaluation e) {
        return e.conditions().stream().map(Condition::name).toList();
    }

    static Stream<Arguments> rpoTable() {
        return Stream.of(
                // now (min), expected effective RPO (s), findings
                Arguments.of(15L, 300L, List.of()),
                Arguments.of(20L, 600L, List.of()),
                Arguments.of(21L, 660L, List.of("rpo.breached:warning")),
                Arguments.of(31L, 1260L, List.of("rpo.breached:critical")));
    }

    @ParameterizedTest(name = "now={0}m -> rpo={1}s {2}")
    @MethodSource("rpoTable")
    void effectiveRpoIsTheAgeOfTheNewestCommonSnapshotOfTheWorstDataset(long nowMin, long rpo, List<String> findings) {
        JobState s = job();
        // disk-0 is synced up to minute 15, disk-1 only up to minute 10: the job's RPO is disk-1's
        s = inventory(s, "rpool/data/vm-101-disk-0", "a:1:5,b:2:15", "a:1:5,b:2:15", 15 * MIN);
        s = inventory(s, "rpool/data/vm-101-disk-1", "c:3:5,d:4:10,e:5:15", "c:3:5,d:4:10", 15 * MIN);
        JobEvaluation e = JobEvaluator.evaluate(s, TH, NO_POOLS, nowMin * MIN);
        assertThat(e.status().effectiveRpoSeconds()).isEqualTo(rpo);
        assertThat(e.status().lastSnapshot()).isEqualTo("d");
        assertThat(e.status().backlogSnapshots()).isEqualTo(1);
        assertThat(e.status().backlogBytes()).isEqualTo(1000);
        assertThat(e.conditions().stream()
                        .filter(c -> c.name().startsWith("rpo"))
                        .map(c -> c.name() + ":" + c.severity())
                        .toList())
                .isEqualTo(findings);
    }

    @Test
    void nextCheckIsTheMomentTheRpoCrossesItsTarget() {
        JobState s = job();
        s = inventory(s, "rpool/data/vm-101-disk-0", "a:1:5,b:2:10", "a:1:5,b:2:10", 10 * MIN);
        JobEvaluation e = JobEvaluator.evaluate(s, TH, NO_POOLS, 12 * MIN);
        assertThat(e.nextCheckMs()).isEqualTo(10 * MIN + 600_000 + 1);
        JobEvaluation later = JobEvaluator.evaluate(s, TH, NO_POOLS, e.nextCheckMs());
        assertThat(names(later)).contains("rpo.breached");
    }

    @Test
    void beforeAnyInventoryTheLastSuccessfulSyncPointCounts() {
        JobState s = job();
        s = edit(s, b -> {
            b.lastSuccessMs = 11 * MIN;
            b.syncPointMs = 10 * MIN;
            b.syncSnapshot = "__replicate_101-0_600__";
        });
        JobEvaluation e = JobEvaluator.evaluate(s, TH, NO_POOLS, 12 * MIN);
        assertThat(e.status().effectiveRpoSeconds()).isEqualTo(120);
        assertThat(e.status().lastSnapshot()).isEqualTo("__replicate_101-0_600__");
        assertThat(e.status().chain()).isEqualTo("UNKNOWN");
    }

    @Test
    void aSuccessNewerThanEveryInventoryMovesTheSyncPointForward() {
        JobState s = job();
        s = inventory(s, "rpool/data/vm-101-disk-0", "a:1:5,b:2:10", "a:1:5,b:2:10", 10 * MIN);
        s = edit(s, b -> {
            b.lastSuccessMs = 21 * MIN;
            b.syncPointMs = 20 * MIN;
            b.syncSnapshot = "c";
        });
        assertThat(JobEvaluator.evaluate(s, TH, NO_POOLS, 22 * MIN).status().effectiveRpoSeconds())
                .isEqualTo(120);
        // a later inventory that no longer shows c on the target wins over the success
        s = inventory(s, "rpool/data/vm-101-disk-0", "a:1:5,b:2:10,c:3:20", "a:1:5,b:2:10", 23 * MIN);
        assertThat(JobEvaluator.evaluate(s, TH, NO_POOLS, 24 * MIN).status().effectiveRpoSeconds())
                .isEqualTo(14 * 60);
    }

    @Test
    void withoutAnyRecoveryPointTheRpoIsUnknownButBreachesFromFirstSight() {
        JobState s = job();
        s = inventory(s, "rpool/data/vm-101-disk-0", "a:1:5", "x:9:5", 5 * MIN);
        JobEvaluation e = JobEvaluator.evaluate(s, TH, NO_POOLS, 11 * MIN);
        assertThat(e.status().effectiveRpoSeconds()).isNull();
        assertThat(e.status().chain()).isEqualTo("BROKEN");
        assertThat(names(e)).contains("rpo.breached", "chain.broken");
        assertThat(e.conditions().get(0).summary()).contains("no snapshot of the job is on pve2");
    }

    @Test
    void chainStatesBecomeFindings() {
        JobState s = job();
        s = inventory(s, "rpool/data/vm-101-disk-0", "a:1:5,b:2:10", "b:2:10", 10 * MIN);
        JobEvaluation atRisk = JobEvaluator.evaluate(s, TH, NO_POOLS, 11 * MIN);
        assertThat(atRisk.status().chain()).isEqualTo("AT_RISK");
        assertThat(names(atRisk)).containsExactly("chain.at_risk");
        s = inventory(s, "rpool/data/vm-101-disk-0", "a:1:5,b:2:10", "a:1:5,b:2:10", 10 * MIN);
        assertThat(names(JobEvaluator.evaluate(s, TH, NO_POOLS, 11 * MIN))).isEmpty();
    }

    /** The pvesr steady state: one replication snapshot of the job, on both sides. */
    @Test
    void aHealthyJobWithOneCommonReplicationSnapshotIsOkAndFiresNothing() {
        JobState s = job();
        String own = "__replicate_101-0_600__";
        s = inventory(s, "rpool/data/vm-101-disk-0", own + ":1:10", own + ":1:10", 10 * MIN);
        JobEvaluation e = JobEvaluator.evaluate(s, TH, NO_POOLS, 11 * MIN);
        assertThat(e.status().chain()).isEqualTo("OK");
        assertThat(names(e)).isEmpty();
    }

    /** The executor cleans such a snapshot up before its next receive: the collector must not order a resync. */
    @Test
    void theJobsOwnStaleSnapshotOnTheTargetIsCleanupNotABreak() {
        JobState s = job();
        s = inventory(
                s,
                "rpool/data/vm-101-disk-0",
                "__replicate_101-0_600__:1:10",
                "__replicate_101-0_600__:1:10,__replicate_101-0_900__:7:15",
                15 * MIN);
        JobEvaluation e = JobEvaluator.evaluate(s, TH, NO_POOLS, 16 * MIN);
        assertThat(e.status().chain()).isEqualTo("OK");
        assertThat(names(e)).isEmpty();
        assertThat(e.datasets().get(0).chain().staleOwn())
                .extracting(Snapshot::name)
                .containsExactly("__replicate_101-0_900__");
    }

    @Test
    void aForeignSnapshotOnTheTargetIsAtRiskAndItsRefusedRunsDoNotMakeItBroken() {
        JobState s = job();
        s = inventory(
                s,
                "rpool/data/vm-101-disk-0",
                "__replicate_101-0_600__:1:10",
                "__replicate_101-0_600__:1:10,manual:8:12",
                12 * MIN);
        JobEvaluation e = JobEvaluator.evaluate(s, TH, NO_POOLS, 13 * MIN);
        assertThat(e.status().chain()).isEqualTo("AT_RISK");
        assertThat(names(e)).containsExactly("chain.at_risk");
        assertThat(e.conditions().get(0).severity()).isEqualTo("warning");
        assertThat(e.conditions().get(0).summary()).contains("manual");
        s = edit(s, b -> {
            b.lastFailureMs = 13 * MIN;
            b.lastErrorClass = ErrorClass.FOREIGN_SNAPSHOTS;
            b.failCount = TH.failingMinFailures();
        });
        JobEvaluation failing = JobEvaluator.evaluate(s, TH, NO_POOLS, 14 * MIN);
        assertThat(failing.status().chain()).isEqualTo("AT_RISK");
        assertThat(names(failing)).contains("chain.at_risk", "job.failing").doesNotContain("chain.broken");
    }

    @Test
    void aTargetPoolThatCannotTakeTheNextDeltaPutsTheChainAtRisk() {
        JobState s = job();
        String own = "__replicate_101-0_600__";
        s = inventory(s, "rpool/data/vm-101-disk-0", own + ":1:10", own + ":1:10", 10 * MIN);
        long size = 512L << 20;
        Function<String, JobEvaluator.PoolFree> full =
                key -> key.equals("lab/pve2/rpool") ? new JobEvaluator.PoolFree(key, size, 8L << 20) : null;
        JobEvaluation e = JobEvaluator.evaluate(s, TH, full, 11 * MIN);
        assertThat(e.status().chain()).isEqualTo("AT_RISK");
        assertThat(names(e)).contains("chain.at_risk");
        Function<String, JobEvaluator.PoolFree> roomy =
                key -> key.equals("lab/pve2/rpool") ? new JobEvaluator.PoolFree(key, size, 400L << 20) : null;
        assertThat(JobEvaluator.evaluate(s, TH, roomy, 11 * MIN).status().chain())
                .isEqualTo("OK");
        // a receive that failed for lack of space says more than the pool's figures
        s = edit(s, b -> {
            b.lastFailureMs = 11 * MIN;
            b.lastErrorClass = ErrorClass.NO_SPACE;
            b.lastError = "cannot receive: out of space";
            b.failCount = 1;
        });
        JobEvaluation failed = JobEvaluator.evaluate(s, TH, roomy, 12 * MIN);
        assertThat(failed.status().chain()).isEqualTo("AT_RISK");
        assertThat(names(failed)).contains("chain.at_risk").doesNotContain("chain.broken");
    }

    @Test
    void chainBrokenFailureHoldsUntilALaterSuccessAndCarriesSpaceAnnotations() {
        JobState s = job();
        s = inventory(s, "rpool/data/vm-101-disk-0", "a:1:5,b:2:10", "a:1:5,b:2:10", 10 * MIN);
        s = edit(s, b -> {
            b.lastFailureMs = 12 * MIN;
            b.lastErrorClass = ErrorClass.CHAIN_BROKEN;
            b.lastStage = RunStage.SEND;
            b.lastError = "No common base snapshot on volume(s) rpool/data/vm-101-disk-0";
            b.failCount = 1;
        });
        Function<String, JobEvaluator.PoolFree> pools =
                key -> key.equals("lab/pve2/rpool") ? new JobEvaluator.PoolFree(key, 100_000, 40_000) : null;
        JobEvaluation broken = JobEvaluator.evaluate(s, TH, pools, 13 * MIN);
        assertThat(broken.status().chain()).isEqualTo("BROKEN");
        Condition c = broken.conditions().stream()
                .filter(x -> x.name().equals("chain.broken"))
                .findFirst()
                .orElseThrow();
        assertThat(c.severity()).isEqualTo("critical");
        assertThat(c.annotations())
                .containsEntry("source_bytes", "5000")
                .containsEntry("target_free_bytes", "40000")
                .containsEntry("error_class", "CHAIN_BROKEN")
                .containsEntry("chain", "BROKEN");
        assertThat(c.labels()).containsOnlyKeys("alertname", "cluster", "job", "node", "target", "executor");
        assertThat(names(broken)).contains("job.failing");
        s = edit(s, b -> {
            b.lastSuccessMs = 14 * MIN;
            b.syncPointMs = 14 * MIN;
            b.failCount = 0;
        });
        JobEvaluation healed = JobEvaluator.evaluate(s, TH, pools, 15 * MIN);
        assertThat(healed.status().chain()).isEqualTo("OK");
        assertThat(names(healed)).isEmpty();
    }

    @Test
    void failingSeverityFollowsTheRemedy() {
        JobState s = job();
        s = edit(s, b -> {
            b.lastFailureMs = MIN;
            b.lastStage = RunStage.CONNECT;
            b.lastError = "connection refused";
            b.failCount = 3;
            b.lastErrorClass = ErrorClass.SSH_UNREACHABLE;
        });
        Condition retry =
                JobEvaluator.evaluate(s, TH, NO_POOLS, 2 * MIN).conditions().get(0);
        assertThat(retry.name()).isEqualTo("job.failing");
        assertThat(retry.severity()).isEqualTo("warning");
        assertThat(retry.summary()).contains("3 failures in a row").contains("SSH_UNREACHABLE");
        s = edit(s, b -> b.lastErrorClass = ErrorClass.HOSTKEY_MISMATCH);
        assertThat(JobEvaluator.evaluate(s, TH, NO_POOLS, 2 * MIN)
                        .conditions()
                        .get(0)
                        .severity())
                .isEqualTo("critical");
        assertThat(JobEvaluator.evaluate(s, TH, NO_POOLS, 2 * MIN).status().state())
                .isEqualTo("connection refused");
    }

    static Stream<Arguments> stallTable() {
        return Stream.of(
                // progress at (min), now (min), stalled?
                Arguments.of(0L, 9L, false),
                Arguments.of(0L, 10L, false),
                Arguments.of(0L, 11L, true),
                Arguments.of(5L, 11L, false));
    }

    @ParameterizedTest(name = "last progress {0}m, now {1}m -> stalled {2}")
    @MethodSource("stallTable")
    void aTransferWithoutProgressStalls(long progressMin, long nowMin, boolean stalled) {
        JobState s = job();
        s = edit(s, b -> {
            b.syncPointMs = nowMin * MIN;
            b.lastSuccessMs = nowMin * MIN;
        });
        s = edit(
                s,
                b -> b.transfer = new Transfer("r1", "rpool/data/vm-101-disk-0", 0, 1234, null, 0, progressMin * MIN));
        JobEvaluation e = JobEvaluator.evaluate(s, TH, NO_POOLS, nowMin * MIN + (stalled ? 0 : 0));
        assertThat(names(e).contains("job.stalled")).isEqualTo(stalled);
        assertThat(e.status().state()).isEqualTo("SYNCING");
        if (!stalled) {
            assertThat(e.nextCheckMs())
                    .isLessThanOrEqualTo(
                            progressMin * MIN + Duration.ofMinutes(10).toMillis() + 1);
        }
    }

    @Test
    void anOverdueRunOrAnEnabledUnscheduledJobStalls() {
        JobState s = job();
        s = edit(s, b -> {
            b.syncPointMs = 100 * MIN;
            b.lastSuccessMs = 100 * MIN;
            b.nextRunMs = 100 * MIN;
        });
        assertThat(names(JobEvaluator.evaluate(s, TH, NO_POOLS, 110 * MIN))).doesNotContain("job.stalled");
        JobEvaluation overdue = JobEvaluator.evaluate(s, TH, NO_POOLS, 111 * MIN);
        assertThat(names(overdue)).contains("job.stalled");
        assertThat(overdue.conditions().stream()
                        .filter(c -> c.name().equals("job.stalled"))
                        .findFirst()
                        .orElseThrow()
                        .summary())
                .contains("next run was due");
        s = edit(s, b -> {
            b.nextRunMs = null;
            b.unscheduledSinceMs = 100 * MIN;
        });
        JobEvaluation unscheduled = JobEvaluator.evaluate(s, TH, NO_POOLS, 111 * MIN);
        assertThat(unscheduled.conditions().stream()
                        .filter(c -> c.name().equals("job.stalled"))
                        .findFirst()
                        .orElseThrow()
                        .summary())
                .contains("not scheduled")
                .contains("pve2");
        s = edit(s, b -> b.enabled = false);
        assertThat(names(JobEvaluator.evaluate(s, TH, NO_POOLS, 111 * MIN))).doesNotContain("job.stalled");
    }

    private static DrillData drill(String id, long startedMs, String reason) {
        return new DrillData(
                id,
                DrillData.SCHEDULE,
                "pve1",
                "pve2",
                Instant.ofEpochMilli(startedMs),
                5_000L,
                600L,
                List.of(),
                reason,
                reason == null ? null : "pve2:rpool has 1 bytes free");
    }

    private static Condition condition(JobEvaluation e, String name) {
        return e.conditions().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aFailedDrillFiresUntilADrillCompletesAndALateReportChangesNothing() {
        JobState s = synced();
        s = fold(s, 100 * MIN, EventType.DRILL_FAILED, drill("d1", 100 * MIN, "NO_SPACE"));
        JobEvaluation failed = JobEvaluator.evaluate(s, TH, NO_POOLS, 101 * MIN);
        assertThat(names(failed)).contains("drill.failed");
        assertThat(condition(failed, "drill.failed").summary())
                .isEqualTo(s.job + ": restore drill failed, NO_SPACE: pve2:rpool has 1 bytes free");
        assertThat(condition(failed, "drill.failed").annotations())
                .containsEntry("drill_id", "d1")
                .containsEntry("reason", "NO_SPACE");

        s = fold(s, 102 * MIN, EventType.DRILL_COMPLETED, drill("d2", 102 * MIN, null));
        assertThat(names(JobEvaluator.evaluate(s, TH, NO_POOLS, 103 * MIN))).doesNotContain("drill.failed");
        assertThat(JobFacts.apply(
                        s,
                        Events.event(
                                EventType.DRILL_FAILED,
                                s.job,
                                drill("d0", 90 * MIN, "ERROR"),
                                Clock.fixed(Instant.ofEpochMilli(90 * MIN), ZoneOffset.UTC)),
                        90 * MIN))
                .as("an older drill's report")
                .isSameAs(s);
        assertThat(s.lastDrillId).isEqualTo("d2");
    }

    @Test
    void aScheduledDrillIsOverdueOnceItsDueTimeIsMoreThanTheGraceAgo() {
        JobState s = synced();
        long grace = TH.overdueGrace().toMillis();
        long dueMs = 100 * MIN;
        s = JobFacts.assign(
                s,
                new Assignment(
                        "ex1",
                        99 * MIN,
                        new HeartbeatData.JobInfo(
                                s.job,
                                "pve1",
                                "pve2",
                                List.of(DISK),
                                "*/5",
                                s.rpoTargetSeconds,
                                true,
                                Instant.ofEpochMilli(200 * MIN),
                                0,
                                false,
                                Instant.ofEpochMilli(dueMs))));
        JobEvaluation inGrace = JobEvaluator.evaluate(s, TH, NO_POOLS, dueMs + grace);
        assertThat(names(inGrace)).doesNotContain("drill.overdue");
        assertThat(inGrace.nextCheckMs()).isLessThanOrEqualTo(dueMs + grace + 1);
        JobEvaluation late = JobEvaluator.evaluate(s, TH, NO_POOLS, dueMs + grace + MIN);
        assertThat(names(late)).contains("drill.overdue");
        assertThat(condition(late, "drill.overdue").summary())
                .contains("the scheduled restore drill was due")
                .contains(Instant.ofEpochMilli(dueMs).toString());

        s = JobFacts.assign(
                s,
                new Assignment(
                        "ex1",
                        120 * MIN,
                        new HeartbeatData.JobInfo(
                                s.job,
                                "pve1",
                                "pve2",
                                List.of(DISK),
                                "*/5",
                                s.rpoTargetSeconds,
                                true,
                                Instant.ofEpochMilli(200 * MIN),
                                0,
                                false,
                                null)));
        assertThat(names(JobEvaluator.evaluate(s, TH, NO_POOLS, 121 * MIN)))
                .as("no drill schedule")
                .doesNotContain("drill.overdue");
    }

    static final String DISK = "rpool/data/vm-101-disk-0";

    /** The owning executor's heartbeat about the job, sent at {@code atMs}. */
    static JobState heartbeat(JobState s, long atMs, boolean running, long nextRunMs) {
        return JobFacts.assign(
                s,
                new Assignment(
                        "ex1",
                        atMs,
                        new HeartbeatData.JobInfo(
                                s.job,
                                "pve1",
                                "pve2",
                                List.of(DISK),
                                "*/5",
                                s.rpoTargetSeconds,
                                true,
                                Instant.ofEpochMilli(nextRunMs),
                                0,
                                running,
                                null)));
    }

    /** An event of the job that happened at {@code atMs}, folded in then. */
    static JobState fold(JobState s, long atMs, EventType type, EventData data) {
        Clock at = Clock.fixed(Instant.ofEpochMilli(atMs), ZoneOffset.UTC);
        return JobFacts.apply(s, Events.event(type, s.job, data, at), atMs);
    }

    /** A job whose last run ended at minute 99. */
    static JobState synced() {
        return edit(job(), b -> {
            b.rpoTargetSeconds = 86_400; // keeps the RPO's deadline out of the stall's
            b.syncPointMs = 99 * MIN;
            b.lastSuccessMs = 99 * MIN;
        });
    }

    static Optional<String> stall(JobEvaluation e) {
        return e.conditions().stream()
                .filter(c -> c.name().equals("job.stalled"))
                .map(Condition::summary)
                .findFirst();
    }

    @Test
    void aRunningResyncIsNotOverdueWhileItSendsNorBetweenItsSends() {
        JobState s = synced();
        // a full resync from minute 101; the job's next run was due at 105; it still sends at 140
        s = heartbeat(s, 101 * MIN, true, 105 * MIN);
        s = fold(
                s,
                102 * MIN,
                EventType.SEND_STARTED,
                new SendStartedData("resync-1", "pve1", "pve2", DISK, null, "b", null));
        s = fold(
                s,
                140 * MIN,
                EventType.SEND_PROGRESS,
                new SendProgressData("resync-1", "pve1", DISK, 5_000, null, 100));
        JobEvaluation sending = JobEvaluator.evaluate(s, TH, NO_POOLS, 141 * MIN);
        assertThat(stall(sending)).isEmpty();
        assertThat(sending.status().state()).isEqualTo("SYNCING");
        // its first dataset is done at 141, the next one's send has not started at 150
        s = fold(
                s,
                141 * MIN,
                EventType.SEND_COMPLETED,
                new TransferCompletedData("resync-1", "pve1", DISK, "b", 9_000, 39 * MIN, "2"));
        JobEvaluation between = JobEvaluator.evaluate(s, TH, NO_POOLS, 150 * MIN);
        assertThat(stall(between))
                .as("overdue since 115 without the running flag")
                .isEmpty();
        assertThat(between.status().state()).isEqualTo("SYNCING");
        assertThat(between.nextCheckMs()).isEqualTo(151 * MIN + 1);
    }

    @Test
    void aRunningJobThatReportsNoTransferStallsAfterNoProgress() {
        JobState s = synced();
        s = heartbeat(s, 100 * MIN, true, 105 * MIN);
        JobEvaluation early = JobEvaluator.evaluate(s, TH, NO_POOLS, 105 * MIN);
        assertThat(stall(early)).isEmpty();
        assertThat(early.nextCheckMs()).isEqualTo(110 * MIN + 1);
        assertThat(stall(JobEvaluator.evaluate(s, TH, NO_POOLS, 110 * MIN)))
                .as("exactly stall.noProgress")
                .isEmpty();
        assertThat(stall(JobEvaluator.evaluate(s, TH, NO_POOLS, early.nextCheckMs())))
                .hasValueSatisfying(
                        summary -> assertThat(summary).contains("running for 10m with no transfer progress"));
        // after a transfer the quiet time counts from its end
        s = fold(s, 111 * MIN, EventType.SEND_STARTED, new SendStartedData("r1", "pve1", "pve2", DISK, "a", "b", null));
        s = fold(
                s,
                120 * MIN,
                EventType.RECEIVE_COMPLETED,
                new TransferCompletedData("r1", "pve2", DISK, "b", 9_000, 9 * MIN, "2"));
        JobEvaluation after = JobEvaluator.evaluate(s, TH, NO_POOLS, 121 * MIN);
        assertThat(stall(after)).isEmpty();
        assertThat(after.nextCheckMs()).isEqualTo(130 * MIN + 1);
        assertThat(stall(JobEvaluator.evaluate(s, TH, NO_POOLS, after.nextCheckMs())))
                .hasValue("lab/101-0: running for 30m with no transfer progress for 10m");
    }

    @Test
    void theTransferOfAResyncWithoutProgressStalls() {
        JobState s = synced();
        s = heartbeat(s, 100 * MIN, true, 105 * MIN);
        s = fold(
                s,
                100 * MIN,
                EventType.RESYNC_STARTED,
                new ResyncData(
                        "cmd-1",
                        "pve1",
                        "pve2",
                        List.of(DISK),
                        ResyncData.FULL,
                        null,
                        List.of(DISK + "_zsentinel_orphan_6000"),
                        null));
        s = fold(
                s,
                101 * MIN,
                EventType.SEND_STARTED,
                new SendStartedData("resync-1", "pve1", "pve2", DISK, null, "b", 20_000L));
        s = fold(
                s,
                102 * MIN,
                EventType.SEND_PROGRESS,
                new SendProgressData("resync-1", "pve1", DISK, 1_000, 20_000L, 50));
        s = fold(
                s,
                103 * MIN,
                EventType.SEND_PROGRESS,
                new SendProgressData("resync-1", "pve1", DISK, 1_000, 20_000L, 0));
        JobEvaluation moving = JobEvaluator.evaluate(s, TH, NO_POOLS, 112 * MIN);
        assertThat(stall(moving)).isEmpty();
        assertThat(moving.nextCheckMs()).isEqualTo(112 * MIN + 1);
        assertThat(stall(JobEvaluator.evaluate(s, TH, NO_POOLS, moving.nextCheckMs())))
                .hasValueSatisfying(
                        summary -> assertThat(summary).contains("transfer of " + DISK + " made no progress for 10m"));
    }

    @Test
    void overdueAppliesAgainOnceTheHeartbeatNoLongerSaysRunning() {
        JobState s = synced();
        s = heartbeat(s, 110 * MIN, true, 105 * MIN);
        assertThat(stall(JobEvaluator.evaluate(s, TH, NO_POOLS, 116 * MIN))).isEmpty();
        s = heartbeat(s, 116 * MIN, false, 105 * MIN);
        assertThat(s.runningSinceMs).isNull();
        JobEvaluation overdue = JobEvaluator.evaluate(s, TH, NO_POOLS, 116 * MIN);
        assertThat(stall(overdue))
                .hasValueSatisfying(summary -> assertThat(summary).contains("next run was due 11m ago"));
        assertThat(overdue.status().state()).isEqualTo("OK");
    }

    @Test
    void aRunThatOutlastedItsSlotMakesTheNextOneDueFromItsEnd() {
        JobState s = synced();
        // a resync from 101 to 130; the run due at 105 can start only once it ended
        s = heartbeat(s, 101 * MIN, true, 105 * MIN);
        s = fold(
                s,
                130 * MIN,
                EventType.JOB_SUCCEEDED,
                new JobSucceededData(
                        "resync-1",
                        "pve1",
                        "pve2",
                        Instant.ofEpochMilli(101 * MIN),
                        "b",
                        List.of(DISK),
                        29 * MIN,
                        9_000));
        assertThat(JobFacts.running(s))
                .as("the heartbeat saying it is over is yet to come")
                .isFalse();
        s = heartbeat(s, 131 * MIN, false, 105 * MIN);
        JobEvaluation ended = JobEvaluator.evaluate(s, TH, NO_POOLS, 131 * MIN);
        assertThat(stall(ended)).isEmpty();
        assertThat(ended.nextCheckMs()).isEqualTo(140 * MIN + 1);
        assertThat(stall(JobEvaluator.evaluate(s, TH, NO_POOLS, ended.nextCheckMs())))
                .hasValueSatisfying(summary -> assertThat(summary).contains("next run was due 10m ago"));
    }

    @Test
    void aTargetPoolWithoutRoomForAFullResyncIsLow() {
        JobState s = job();
        s = inventory(s, "rpool/data/vm-101-disk-0", "a:1:5,b:2:10", "a:1:5,b:2:10", 10 * MIN);
        Function<String, JobEvaluator.PoolFree> tight = key -> new JobEvaluator.PoolFree(key, 100_000, 6_000);
        Function<String, JobEvaluator.PoolFree> roomy = key -> new JobEvaluator.PoolFree(key, 100_000, 7_000);
        Condition low =
                JobEvaluator.evaluate(s, TH, tight, 11 * MIN).conditions().get(0);
        assertThat(low.name()).isEqualTo("space.low");
        assertThat(low.labels()).containsEntry("poolkey", "lab/pve2/rpool").containsEntry("job", "lab/101-0");
        assertThat(JobEvaluator.evaluate(s, TH, roomy, 11 * MIN).conditions()).isEmpty();
    }

    @Test
    void theTargetComesFromTheExecutorElseTheScheduleElseTheDefault() {
        JobState s = job();
        assertThat(JobEvaluator.rpoTargetSeconds(s, TH)).isEqualTo(600);
        s = edit(s, b -> b.rpoTargetSeconds = 0);
        assertThat(JobEvaluator.rpoTargetSeconds(s, TH)).isEqualTo(600);
        s = edit(s, b -> b.schedule = "*/15");
        assertThat(JobEvaluator.rpoTargetSeconds(s, TH)).isEqualTo(1200);
        s = edit(s, b -> b.schedule = "mon..fri 8..17,22:0/15");
        assertThat(JobEvaluator.rpoTargetSeconds(s, TH))
                .isEqualTo(TH.defaultRpoTarget().toSeconds());
    }

    @Test
    void aSingleDatasetSentUnderAnotherNameIsPaired() {
        JobState s = job();
        s = edit(s, b -> {
            b.sourceInventory = Map.of("tank/vm", new Inventory("pve1", true, MIN, snaps("a:1:1,b:2:2")));
            b.targetInventory = Map.of("backup/vm", new Inventory("pve2", true, MIN, snaps("a:1:1,b:2:2")));
        });
        List<DatasetChain> d = JobEvaluator.datasets(s, NO_POOLS);
        assertThat(d).hasSize(1);
        assertThat(d.get(0).targetDataset()).isEqualTo("backup/vm");
        assertThat(d.get(0).chain().state().name()).isEqualTo("OK");
    }

    @Test
    void statusCarriesThePvesrColumns() {
        JobState s = job();
        s = edit(s, b -> {
            b.lastSuccessMs = 10 * MIN;
            b.syncPointMs = 9 * MIN;
            b.syncSnapshot = "snap";
            b.durationMs = 4000L;
            b.lastTryMs = 9 * MIN;
            b.nextRunMs = 14 * MIN;
        });
        JobStatus st = JobEvaluator.evaluate(s, TH, NO_POOLS, 10 * MIN).status();
        assertThat(st.job()).isEqualTo("lab/101-0");
        assertThat(st.state()).isEqualTo("OK");
        assertThat(st.durationMs()).isEqualTo(4000);
        assertThat(st.rpoTargetSeconds()).isEqualTo(600);
        assertThat(st.executor()).isEqualTo("ex1");
        assertThat(Map.of("enabled", st.enabled(), "schedule", st.schedule())).containsEntry("schedule", "*/5");
    }
}
