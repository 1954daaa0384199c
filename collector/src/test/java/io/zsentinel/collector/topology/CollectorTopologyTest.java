package io.zsentinel.collector.topology;

import static io.zsentinel.collector.fixtures.Events.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zsentinel.collector.CollectorConfig;
import io.zsentinel.collector.job.JobState;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.EventType;
import io.zsentinel.events.Fingerprint;
import io.zsentinel.events.data.ErrorClass;
import io.zsentinel.events.data.FindingData;
import io.zsentinel.events.data.SnapshotData;
import io.zsentinel.events.kafka.DeadLetters;
import io.zsentinel.events.kafka.EventRecords;
import io.zsentinel.events.state.JobStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CollectorTopologyTest {
    static final String JOB = "lab/101-0";
    static final String DISK = "rpool/data/vm-101-disk-0";
    static final Duration SECOND = Duration.ofSeconds(1);

    @TempDir
    Path stateDir;

    Harness h;

    @BeforeEach
    void start() {
        h = new Harness(CollectorConfig.defaults(), stateDir);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    long now() {
        return h.clock.instant().getEpochSecond();
    }

    /** The executor owns the job with a 10-minute target and a next run far away (no overdue). */
    void heartbeat() {
        h.pipe(io.zsentinel.collector.fixtures.Events.heartbeat(
                "ex1", 3600, h.clock, jobInfo(JOB, 600, h.clock.instant().plus(Duration.ofDays(1)), DISK)));
    }

    void inventories(String source, String target) {
        h.pipe(inventory(JOB, "source", DISK, source, h.clock));
        h.pipe(inventory(JOB, "target", DISK, target, h.clock));
    }

    @Test
    void rpoBreachFiresWithinOneSecondWithoutAnyEventAndResolvesAfterANewSync() {
        heartbeat();
        long synced = now() - 60;
        inventories("a:1:" + (synced - 300) + ",b:2:" + synced, "a:1:" + (synced - 300) + ",b:2:" + synced);
        h.advance(SECOND);
        assertThat(h.jobs.get(JOB).effectiveRpoSeconds()).isEqualTo(61);
        assertThat(h.jobs.get(JOB).executor()).isEqualTo("ex1");
        assertThat(h.jobs.get(JOB).rpoTargetSeconds()).isEqualTo(600);
        // the breach happens at synced + 600 s: nothing arrives, only the wall clock moves
        Instant breach = Instant.ofEpochSecond(synced + 600);
        h.advance(Duration.between(h.clock.instant(), breach).minusSeconds(1));
        assertThat(h.statuses("rpo.breached")).isEmpty();
        h.advance(SECOND);
        assertThat(h.statuses("rpo.breached")).isEmpty();
        h.advance(SECOND);
        assertThat(h.statuses("rpo.breached")).containsExactly("firing");
        FindingData fired = h.of("rpo.breached").get(0);
        assertThat(fired.startsAt()).isBetween(breach, breach.plusSeconds(1));
        assertThat(fired.severity()).isEqualTo("warning");
        assertThat(fired.labels())
                .containsEntry("alertname", "rpo.breached")
                .containsEntry("cluster", "lab")
                .containsEntry("job", JOB)
                .containsEntry("node", "pve1")
                .containsEntry("target", "pve2")
                .containsEntry("executor", "ex1");
        assertThat(fired.fingerprint()).isEqualTo(Fingerprint.of(fired.labels()));
        assertThat(fired.summary())
                .startsWith("lab/101-0: effective RPO 10m exceeds target 10m")
                .contains("newest snapshot on pve2 is b");
        assertThat(fired.annotations())
                .containsEntry("rpo_target_seconds", "600")
                .containsKey("rpo_seconds");

        h.advance(Duration.ofSeconds(30), SECOND);
        assertThat(h.statuses("rpo.breached")).containsExactly("firing");

        long newSync = now();
        h.pipe(succeeded(JOB, Instant.ofEpochSecond(newSync), "c", h.clock));
        h.advance(SECOND);
        assertThat(h.statuses("rpo.breached")).containsExactly("firing", "resolved");
        FindingData resolved = h.of("rpo.breached").get(1);
        assertThat(resolved.endsAt()).isEqualTo(h.clock.instant());
        assertThat(resolved.startsAt()).isEqualTo(fired.startsAt());
        assertThat(h.jobs.get(JOB).lastSnapshot()).isEqualTo("c");
    }

    @Test
    void aBurstOfNewJobsIsJudgedInTicksOfAtMostTheBudgetWithRecordsBetweenThem() {
        int n = 300;
        long synced = now() - 60;
        String snaps = "a:1:" + (synced - 300) + ",b:2:" + synced;
        for (int i = 0; i < n; i++) {
            String job = "lab/" + (100 + i) + "-0";
            h.pipe(inventory(job, "source", DISK, snaps, h.clock));
            h.pipe(inventory(job, "target", DISK, snaps, h.clock));
        }
        // from here every reading of the clock takes a millisecond: judging a job costs time
        h.clock.passingOnEveryRead(Duration.ofMillis(1));
        h.advance(SECOND);
        int afterFirst = h.jobs.size();
        assertThat(afterFirst)
                .as("judged in the first round of ticks")
                .isPositive()
                .isLessThan(n);
        assertThat(h.readiness.statusesComplete())
                .as("ready only once every job was judged")
                .isFalse();

        // the rest follows in short ticks, each within the budget, with the stream free between them
        int rounds = 0;
        while (h.jobs.size() < n && rounds++ < n) {
            h.advance(Duration.ofMillis(10));
        }
        assertThat(h.jobs).hasSize(n);
        assertThat(rounds).as("follow-up ticks").isGreaterThan(1);
        assertThat(h.readiness.statusesComplete()).isTrue();
        assertThat(h.jobs.values())
                .allSatisfy(status -> assertThat(status.effectiveRpoSeconds()).isNotNull());
    }

    @Test
    void aFiringFindingIsResentEveryResendIntervalAndEscalates() {
        heartbeat();
        long synced = now() - 601;
        inventories("a:1:" + (synced - 1) + ",b:2:" + synced, "a:1:" + (synced - 1) + ",b:2:" + synced);
        h.advance(SECOND);
        assertThat(h.statuses("rpo.breached")).containsExactly("firing");
        h.advance(Duration.ofMinutes(5), Duration.ofSeconds(10));
        // at 10m + 5m resent once; past 20m (2 x target) critical at once
        assertThat(h.statuses("rpo.breached")).containsExactly("firing", "firing");
        h.advance(Duration.ofMinutes(5), Duration.ofSeconds(10));
        assertThat(h.of("rpo.breached"))
                .extracting(FindingData::severity)
                .containsExactly("warning", "warning", "critical");
        assertThat(h.of("rpo.breached"))
                .extracting(FindingData::startsAt)
                .containsOnly(h.of("rpo.breached").get(0).startsAt());
    }

    static Stream<Arguments> chains() {
        return Stream.of(
                Arguments.of("OK", "a:1:100,b:2:200", "a:1:100,b:2:200", List.of()),
                Arguments.of(
                        "OK pvesr steady state",
                        "__replicate_101-0_200__:2:200",
                        "__replicate_101-0_200__:2:200",
                        List.of()),
                Arguments.of(
                        "OK stale own snapshot on the target",
                        "__replicate_101-0_200__:2:200",
                        "__replicate_101-0_200__:2:200,__replicate_101-0_250__:5:250",
                        List.of()),
                Arguments.of("AT_RISK only base unprotected", "a:1:100,b:2:200", "b:2:200", List.of("chain.at_risk")),
                Arguments.of(
                        "AT_RISK foreign snapshot on the target",
                        "a:1:100,b:2:200",
                        "a:1:100,z:9:250",
                        List.of("chain.at_risk")),
                Arguments.of("BROKEN no common", "x:7:100,y:8:200", "a:1:100,b:2:200", List.of("chain.broken")),
                Arguments.of(
                        "BROKEN guid mismatch, equal names",
                        "a:1:100,b:2:200",
                        "a:11:100,b:12:200",
                        List.of("chain.broken")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chains")
    void chainStateFromInventories(String name, String source, String target, List<String> findings) {
        heartbeat();
        long base = now() - 250;
        inventories(shift(source, base), shift(target, base));
        h.advance(SECOND);
        assertThat(h.jobs.get(JOB).chain()).isEqualTo(name.split(" ")[0]);
        assertThat(h.findings)
                .extracting(FindingData::name)
                .filteredOn(n -> n.startsWith("chain"))
                .containsExactlyElementsOf(findings);
        if (name.startsWith("BROKEN")) {
            FindingData broken = h.of("chain.broken").get(0);
            assertThat(broken.severity()).isEqualTo("critical");
            assertThat(broken.annotations()).containsEntry("chain", "BROKEN").containsKey("evidence");
        }
    }

    /** Shifts the epoch seconds of a notation by {@code base}. */
    static String shift(String notation, long base) {
        StringBuilder out = new StringBuilder();
        for (String item : notation.split(",")) {
            String[] f = item.split(":");
            out.append(out.length() == 0 ? "" : ",")
                    .append(f[0])
                    .append(':')
                    .append(f[1])
                    .append(':')
                    .append(base + Long.parseLong(f[2]));
            for (int i = 3; i < f.length; i++) {
                out.append(':').append(f[i]);
            }
        }
        return out.toString();
    }

    @Test
    void chainBrokenFailureHoldsUntilALaterSuccess() {
        heartbeat();
        long t = now() - 100;
        inventories("a:1:" + (t - 10) + ",b:2:" + t, "a:1:" + (t - 10) + ",b:2:" + t);
        h.pipe(failed(
                JOB, ErrorClass.DEST_MODIFIED, "destination rpool/data/vm-101-disk-0 has been modified", 1, h.clock));
        h.advance(SECOND);
        assertThat(h.jobs.get(JOB).chain()).isEqualTo("BROKEN");
        assertThat(h.jobs.get(JOB).lastErrorClass()).isEqualTo("DEST_MODIFIED");
        assertThat(h.statuses("chain.broken")).containsExactly("firing");
        assertThat(h.statuses("job.failing")).containsExactly("firing");
        h.pipe(succeeded(JOB, h.clock.instant(), "c", h.clock));
        h.advance(SECOND);
        assertThat(h.jobs.get(JOB).chain()).isEqualTo("OK");
        assertThat(h.statuses("chain.broken")).containsExactly("firing", "resolved");
        assertThat(h.statuses("job.failing")).containsExactly("firing", "resolved");
    }

    @Test
    void anEventWhoseFoldFailsLeavesTheStoredStateAsItWasAndTheNextOneAppliesOnTopOfIt() {
        heartbeat();
        long t = now() - 100;
        inventories("a:1:" + (t - 10) + ",b:2:" + t, "a:1:" + (t - 10) + ",b:2:" + t);
        h.pipe(failed(
                JOB, ErrorClass.DEST_MODIFIED, "destination rpool/data/vm-101-disk-0 has been modified", 1, h.clock));
        h.advance(SECOND);
        List<JobState> stored = h.loggedJobs();
        String before =
                EventCodec.mapper().valueToTree(stored.get(stored.size() - 1)).toString();
        // its sync point is beyond epoch millis: the fold fails after it took the source, target and time of the
        // success
        assertThatThrownBy(() -> h.pipe(succeeded(JOB, Instant.MAX, "c", h.clock)))
                .hasRootCauseInstanceOf(ArithmeticException.class);
        h.advance(SECOND);
        assertThat(h.loggedJobs()).as("nothing of it stored").isEmpty();
        assertThat(h.jobs.get(JOB).chain()).isEqualTo("BROKEN");
        assertThat(h.jobs.get(JOB).failCount()).isEqualTo(1);

        h.pipe(sendStarted(JOB, "r2", DISK, h.clock));
        List<JobState> next = h.loggedJobs();
        assertThat(next).hasSize(1);
        JobState after = next.get(0);
        assertThat(after.transfer.runId).isEqualTo("r2");
        // the failed event's part is nowhere: the state is the one before it, with the transfer
        JobState.Builder expected = after.toBuilder();
        expected.transfer = stored.get(stored.size() - 1).transfer;
        expected.lastTryMs = stored.get(stored.size() - 1).lastTryMs;
        assertThat(EventCodec.mapper().valueToTree(expected.build()).toString()).isEqualTo(before);
        h.pipe(succeeded(JOB, h.clock.instant(), "c", h.clock));
        h.advance(SECOND);
        assertThat(h.jobs.get(JOB).chain()).isEqualTo("OK");
        assertThat(h.jobs.get(JOB).failCount()).isZero();
        assertThat(h.statuses("chain.broken")).containsExactly("firing", "resolved");
    }

    @Test
    void aResyncThatFailsForAnotherReasonLeavesALostChainBroken() {
        heartbeat();
        long t = now() - 100;
        inventories("a:1:" + (t - 10) + ",b:2:" + t, "a:1:" + (t - 10) + ",b:2:" + t);
        h.pipe(failed(JOB, ErrorClass.CHAIN_BROKEN, "No common base snapshot on volume(s) " + DISK, 1, h.clock));
        h.advance(SECOND);
        assertThat(h.statuses("chain.broken")).containsExactly("firing");
        // clean-clone run 8 of a2ee625: the resync's rename met a busy dataset, and the chain read OK for 8 s
        h.pipe(failed(JOB, ErrorClass.DATASET_BUSY, "cannot rename '" + DISK + "': dataset is busy", 2, h.clock));
        h.advance(SECOND);
        assertThat(h.jobs.get(JOB).chain()).isEqualTo("BROKEN");
        assertThat(h.statuses("chain.broken")).containsExactly("firing");
        assertThat(h.of("chain.broken").get(0).summary()).contains("CHAIN_BROKEN");
        h.pipe(succeeded(JOB, h.clock.instant(), "c", h.clock));
        h.advance(SECOND);
        assertThat(h.statuses("chain.broken")).containsExactly("firing", "resolved");
    }

    @Test
    void aFailedDrillFiresDrillFailedUntilADrillCompletes() {
        heartbeat();
        h.pipe(succeeded(JOB, h.clock.instant(), "a", h.clock));
        h.pipe(event(
                EventType.DRILL_FAILED,
                JOB,
                new io.zsentinel.events.data.DrillData(
                        "d1",
                        "schedule",
                        "pve1",
                        "pve2",
                        h.clock.instant(),
                        null,
                        null,
                        List.of(),
                        "UNREACHABLE",
                        "cannot reach pve2"),
                h.clock));
        h.advance(SECOND);
        assertThat(h.statuses("drill.failed")).containsExactly("firing");
        h.pipe(event(
                EventType.DRILL_COMPLETED,
                JOB,
                new io.zsentinel.events.data.DrillData(
                        "d2", "schedule", "pve1", "pve2", h.clock.instant(), 900L, 30L, List.of(), null, null),
                h.clock));
        h.advance(SECOND);
        assertThat(h.statuses("drill.failed")).containsExactly("firing", "resolved");
    }

    @Test
    void backlogCountsSourceSnapshotsNewerThanTheNewestCommonAndTheirBytes() {
        heartbeat();
        long t = now() - 1000;
        inventories(
                "a:1:" + t + ":10,b:2:" + (t + 100) + ":20,c:3:" + (t + 200) + ":300,d:4:" + (t + 300) + ":4000",
                "a:1:" + t + ",b:2:" + (t + 100));
        h.advance(SECOND);
        JobStatus s = h.jobs.get(JOB);
        assertThat(s.backlogSnapshots()).isEqualTo(2);
        assertThat(s.backlogBytes()).isEqualTo(4300);
        assertThat(s.effectiveRpoSeconds()).isEqualTo(901);
        // a snapshot event on the target moves the chain forward without a full inventory
        h.pipe(event(
                EventType.SNAPSHOT_CREATED,
                JOB,
                new SnapshotData("pve2", DISK, "c", "3", Instant.ofEpochSecond(t + 200)),
                h.clock));
        h.advance(SECOND);
        assertThat(h.jobs.get(JOB).backlogSnapshots()).isEqualTo(1);
        assertThat(h.jobs.get(JOB).backlogBytes()).isEqualTo(4000);
    }

    @Test
    void aTransferWithoutProgressStallsAndRecoversWhenBytesMoveAgain() {
        heartbeat();
        h.pipe(succeeded(JOB, h.clock.instant(), "a", h.clock));
        h.pipe(sendStarted(JOB, "r1", DISK, h.clock));
        h.pipe(progress(JOB, "r1", DISK, 1000, h.clock));
        h.advance(SECOND);
        assertThat(h.jobs.get(JOB).state()).isEqualTo("SYNCING");
        h.advance(Duration.ofMinutes(5));
        h.pipe(progress(JOB, "r1", DISK, 1000, h.clock)); // no new bytes: not progress
        h.advance(Duration.ofMinutes(5).minusSeconds(2));
        assertThat(h.statuses("job.stalled")).isEmpty();
        h.advance(SECOND);
        assertThat(h.statuses("job.stalled"))
                .as("exactly 10m without progress is not yet a stall")
                .isEmpty();
        h.advance(SECOND);
        assertThat(h.statuses("job.stalled")).containsExactly("firing");
        assertThat(h.of("job.stalled").get(0).summary()).contains("no progress for 10m");
        h.pipe(progress(JOB, "r1", DISK, 5000, h.clock));
        h.advance(SECOND);
        assertThat(h.statuses("job.stalled")).containsExactly("firing", "resolved");
    }

    /** The executor's heartbeat: the job is running (or not), its next run at {@code nextRun}. */
    void heartbeat(boolean running, Instant nextRun) {
        h.pipe(io.zsentinel.collector.fixtures.Events.heartbeat(
                "ex1",
                3600,
                h.clock,
                new io.zsentinel.events.data.HeartbeatData.JobInfo(
                        JOB, "pve1", "pve2", List.of(DISK), "*/5", 86_400, true, nextRun, 0, running, null)));
    }

    @Test
    void aRunningJobIsNotOverdueButStallsAtTheTickAfterNoProgressWithoutATransferAndOverdueReturnsWhenItStops() {
        Instant due = h.clock.instant().plusSeconds(60);
        heartbeat(true, due);
        h.advance(SECOND);
        assertThat(h.jobs.get(JOB).state()).isEqualTo("SYNCING");
        // running since the heartbeat, 1 s ago; the run due in a minute would be overdue from due + 10m
        h.advance(Duration.ofMinutes(10).minusSeconds(2));
        assertThat(h.statuses("job.stalled")).isEmpty();
        h.advance(SECOND);
        assertThat(h.statuses("job.stalled"))
                .as("exactly 10m without a transfer is not yet a stall")
                .isEmpty();
        h.advance(SECOND);
        assertThat(h.statuses("job.stalled")).containsExactly("firing");
        assertThat(h.of("job.stalled").get(0).summary()).contains("running for 10m with no transfer progress");
        // the heartbeat says the run is over: not stalled until the run due 9 min ago is past the grace
        heartbeat(false, due);
        h.advance(SECOND);
        assertThat(h.statuses("job.stalled")).containsExactly("firing", "resolved");
        assertThat(h.jobs.get(JOB).state()).isEqualTo("OK");
        h.advance(Duration.between(h.clock.instant(), due.plus(Duration.ofMinutes(10))));
        assertThat(h.statuses("job.stalled")).containsExactly("firing", "resolved");
        h.advance(SECOND);
        assertThat(h.statuses("job.stalled")).containsExactly("firing", "resolved", "firing");
        assertThat(h.of("job.stalled").get(2).summary()).contains("next run was due 10m ago");
    }

    /** A synced job whose run r1 starts sending, seen by a tick. */
    private void startTransferR1() {
        heartbeat();
        h.pipe(succeeded(JOB, h.clock.instant(), "a", h.clock));
        h.pipe(sendStarted(JOB, "r1", DISK, h.clock));
        h.advance(SECOND);
    }

    @Test
    void progressAloneRepublishesTheStatusAtMostEveryProgressRefreshAnyOtherChangeAtTheNextTick() {
        startTransferR1();
        assertThat(h.jobs.get(JOB).transfer().bytesDone()).isZero();
        // progress every second: the status follows every 10 s (progressRefresh), not every tick
        long published = 0;
        for (int i = 1; i <= 9; i++) {
            h.pipe(progress(JOB, "r1", DISK, 1000L * i, h.clock));
            h.advance(SECOND);
            published = h.jobs.get(JOB).transfer().bytesDone();
        }
        assertThat(published).as("deferred").isZero();
        h.pipe(progress(JOB, "r1", DISK, 10_000, h.clock));
        h.advance(SECOND);
        assertThat(h.jobs.get(JOB).transfer().bytesDone())
                .as("10 s after the first progress")
                .isEqualTo(10_000);
        // a new run is not progress of the tracked transfer: at the next tick
        h.pipe(progress(JOB, "r2", DISK, 7, h.clock));
        h.advance(SECOND);
        assertThat(h.jobs.get(JOB).transfer().runId()).isEqualTo("r2");
        // the end of the transfer: at the next tick
        h.pipe(succeeded(JOB, h.clock.instant(), "b", h.clock));
        h.advance(SECOND);
        assertThat(h.jobs.get(JOB).transfer()).isNull();
        assertThat(h.jobs.get(JOB).lastSnapshot()).isEqualTo("b");
    }

    @Test
    void theStoredStateFollowsProgressEveryProgressRefreshAndEveryOtherChangeAtOnce() {
        startTransferR1();
        assertThat(h.loggedJobs())
                .last()
                .satisfies(s -> assertThat(s.transfer.runId).isEqualTo("r1"));
        long started = h.clock.millis();
        // progress every second: kept in memory, logged once it is 10 s (progressRefresh) past the stored state
        for (int i = 1; i <= 9; i++) {
            h.pipe(progress(JOB, "r1", DISK, 1000L * i, h.clock));
            h.advance(SECOND);
        }
        assertThat(h.loggedJobs()).as("9 s of progress").isEmpty();
        h.pipe(progress(JOB, "r1", DISK, 10_000, h.clock));
        List<JobState> logged = h.loggedJobs();
        assertThat(logged).hasSize(1);
        assertThat(logged.get(0).transfer.bytesDone).isEqualTo(10_000);
        assertThat(logged.get(0).transfer.lastProgressMs).isEqualTo(started + 9_000);
        h.pipe(progress(JOB, "r1", DISK, 11_000, h.clock));
        assertThat(h.loggedJobs()).isEmpty();
        // anything else than progress is logged with the event (and with it the progress kept so far)
        h.pipe(succeeded(JOB, h.clock.instant(), "b", h.clock));
        assertThat(h.loggedJobs()).singleElement().satisfies(s -> {
            assertThat(s.transfer).isNull();
            assertThat(s.syncSnapshot).isEqualTo("b");
        });
    }

    @Test
    void anExecutorThatStopsSendingHeartbeatsIsSilent() {
        h.pipe(io.zsentinel.collector.fixtures.Events.heartbeat(
                "ex1", 30, h.clock, jobInfo(JOB, 600, h.clock.instant().plusSeconds(3600), DISK)));
        h.advance(Duration.ofSeconds(90), SECOND);
        assertThat(h.statuses("executor.silent")).isEmpty();
        h.advance(SECOND);
        assertThat(h.statuses("executor.silent")).containsExactly("firing");
        FindingData f = h.of("executor.silent").get(0);
        assertThat(f.labels()).containsEntry("executor", "ex1").containsEntry("cluster", "lab");
        assertThat(f.severity()).isEqualTo("critical");
        h.pipe(io.zsentinel.collector.fixtures.Events.heartbeat(
                "ex1", 30, h.clock, jobInfo(JOB, 600, h.clock.instant().plusSeconds(3600), DISK)));
        h.advance(SECOND);
        assertThat(h.statuses("executor.silent")).containsExactly("firing", "resolved");
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicWithTheReasonAndProcessingContinues() {
        h.pipeRaw("k1", "not json".getBytes(StandardCharsets.UTF_8));
        h.pipeRaw(
                "k2",
                "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"s\",\"type\":\"zsentinel.nope\",\"time\":\"2025-01-01T00:00:00Z\",\"data\":{}}"
                        .getBytes(StandardCharsets.UTF_8));
        h.pipe(inventory("not-a-job-key", "source", DISK, "a:1:100", h.clock));
        h.pipeRaw("k3", null);
        heartbeat();
        h.pipe(succeeded(JOB, h.clock.instant(), "a", h.clock));
        h.advance(SECOND);
        List<TestRecord<byte[], byte[]>> dead = h.deadLetters();
        assertThat(dead)
                .extracting(r -> EventRecords.header(r.headers(), DeadLetters.REASON))
                .containsExactly("MALFORMED_JSON", "UNKNOWN_TYPE", "INVALID_DATA", "EMPTY");
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("not json");
        assertThat(EventRecords.header(dead.get(0).headers(), DeadLetters.SOURCE_TOPIC))
                .isEqualTo("zs.events");
        assertThat(EventRecords.header(dead.get(2).headers(), DeadLetters.DETAIL))
                .contains("not-a-job-key");
        assertThat(h.jobs.get(JOB).lastSnapshot()).isEqualTo("a");
    }

    @Test
    void findingsAreCloudEventsKeyedByFingerprint() throws Exception {
        heartbeat();
        inventories("a:1:100,b:2:200", "b:2:200");
        h.advance(SECOND);
        assertThat(h.findings).isNotEmpty();
        // re-read raw: the key is the fingerprint, the value a zsentinel.finding CloudEvent
        h.pipe(inventory(JOB, "target", DISK, "a:1:100,b:2:200", h.clock));
        h.findingsTopic.readRecordsToList();
        h.advance(SECOND);
        assertThat(h.statuses("chain.at_risk")).containsExactly("firing", "resolved");
    }

    @Test
    void spaceForecastOfAFillingPoolWithAStepAndNoiseIsWithinTenPercentOnceAFifthOfTheWindowIsSeen() {
        String pool = "lab/pve2/rpool";
        long gb = 1_000_000_000L;
        long size = 1000 * gb;
        double perDay = 100 * gb;
        java.util.Random random = new java.util.Random(7);
        Instant t0 = h.clock.instant();
        java.util.function.LongUnaryOperator trueFree =
                ms -> (long) (600 * gb - perDay * ms / 86_400_000.0) - (ms >= 43_200_000L ? 50 * gb : 0);
        long end = Duration.ofDays(7).toMillis() / 5 + Duration.ofMinutes(10).toMillis();
        for (long ms = 0; ms <= end; ms += Duration.ofMinutes(10).toMillis()) {
            long noise = (long) (random.nextGaussian() * 2 * gb);
            h.pipe(poolUsage(pool, size, trueFree.applyAsLong(ms) + noise, h.clock));
            h.advance(Duration.ofMinutes(10));
        }
        long elapsed = Duration.between(t0, h.clock.instant()).toMillis();
        double truth = trueFree.applyAsLong(elapsed) / perDay * 86_400;
        io.zsentinel.events.state.PoolStatus status = h.pools.get(pool);
        assertThat(status.secondsToFull()).isNotNull();
        assertThat((double) status.secondsToFull())
                .isCloseTo(truth, org.assertj.core.data.Percentage.withPercentage(10));
        assertThat(status.freeSlopeBytesPerSecond())
                .isCloseTo(-perDay / 86_400, org.assertj.core.data.Percentage.withPercentage(10));
        FindingData forecast = h.of("space.forecast").get(0);
        assertThat(forecast.status()).isEqualTo("firing");
        assertThat(forecast.labels())
                .containsEntry("poolkey", pool)
                .containsEntry("node", "pve2")
                .containsEntry("pool", "rpool")
                .containsEntry("cluster", "lab");
        assertThat(forecast.summary()).startsWith(pool + ": full in");
        assertThat(h.statuses("space.low")).isEmpty();
    }

    @Test
    void aPoolAboveEightyPercentIsLowAndCriticalAboveNinetyFive() {
        String pool = "lab/pve2/rpool";
        h.pipe(poolUsage(pool, 1000, 150, h.clock));
        h.advance(SECOND);
        h.pipe(poolUsage(pool, 1000, 40, h.clock));
        h.advance(SECOND);
        h.pipe(poolUsage(pool, 1000, 500, h.clock));
        h.advance(SECOND);
        assertThat(h.of("space.low"))
                .extracting(f -> f.status() + ":" + f.severity())
                .containsExactly("firing:warning", "firing:critical", "resolved:critical");
        assertThat(h.pools.get(pool).free()).isEqualTo(500);
    }
}
