package io.zsentinel.collector.job;

import static io.zsentinel.collector.fixtures.Events.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zsentinel.chain.Snapshot;
import io.zsentinel.collector.fixtures.TestClock;
import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.EventType;
import io.zsentinel.events.data.SnapshotData;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How events fold into a job's state, where the order they arrive in is not the order they happened in. */
class JobFactsTest {
    static final String JOB = "lab/101-0";
    static final String DISK = "rpool/data/vm-101-disk-0";
    static final long T = Instant.parse("2025-11-26T06:00:00Z").getEpochSecond();

    final TestClock clock = new TestClock(Instant.ofEpochSecond(T));
    /** The job's state: each fold replaces it. */
    JobState s = JobFacts.newJob(JOB, clock.millis());

    @Test
    void anInventoryTakenBeforeTheOneHeldIsIgnored() {
        Envelope older = inventory(JOB, "target", DISK, "a:1:" + (T - 600), clock);
        clock.advance(Duration.ofSeconds(60));
        Envelope newer = inventory(JOB, "target", DISK, "a:1:" + (T - 600) + ",b:2:" + (T + 30), clock);

        assertThat(apply(newer)).isTrue();
        assertThat(apply(older)).as("delayed, e.g. replayed from a spool").isFalse();
        assertThat(names("target")).containsExactly("a", "b");
        assertThat(s.targetInventory.get(DISK).reportedMs).isEqualTo((T + 60) * 1000);
    }

    @Test
    void anInventoryTakenBeforeASnapshotEventAppliedSinceIsIgnored() {
        assertThat(apply(inventory(JOB, "source", DISK, "a:1:" + (T - 600), clock)))
                .isTrue();
        clock.advance(Duration.ofSeconds(10));
        Envelope takenBeforeTheSnapshot = inventory(JOB, "source", DISK, "a:1:" + (T - 600), clock);
        clock.advance(Duration.ofSeconds(10));
        assertThat(apply(event(
                        EventType.SNAPSHOT_CREATED,
                        JOB,
                        new SnapshotData("pve1", DISK, "b", "2", clock.instant()),
                        clock)))
                .isTrue();

        assertThat(apply(takenBeforeTheSnapshot)).isFalse();
        assertThat(names("source")).containsExactly("a", "b");
    }

    @Test
    void anInventoryAsNewAsTheOneHeldOrNewerReplacesIt() {
        assertThat(apply(inventory(JOB, "source", DISK, "a:1:" + (T - 600), clock)))
                .isTrue();
        assertThat(apply(inventory(JOB, "source", DISK, "b:2:" + (T - 60), clock)))
                .as("same instant")
                .isTrue();
        assertThat(names("source")).containsExactly("b");
        clock.advance(Duration.ofSeconds(1));
        assertThat(apply(inventory(JOB, "source", DISK, "c:3:" + T, clock))).isTrue();
        assertThat(names("source")).containsExactly("c");
        assertThat(apply(inventory(JOB, "target", DISK, "a:1:" + (T - 600), clock)))
                .as("each side has its own")
                .isTrue();
    }

    @Test
    void aHeartbeatSentBeforeTheRunEndedButAppliedAfterItDoesNotMakeTheJobRunning() {
        Instant sentDuringTheRun = clock.instant();
        clock.advance(Duration.ofSeconds(5));
        assertThat(apply(succeeded(JOB, clock.instant(), "b", clock))).isTrue();
        assign(sentDuringTheRun, true);
        assertThat(JobFacts.running(s)).isFalse();
    }

    @Test
    void aHeartbeatThatStillSaysRunningAfterARunEndedIsAboutTheNextRun() {
        assign(clock.instant(), true);
        assertThat(JobFacts.running(s)).isTrue();
        clock.advance(Duration.ofSeconds(5));
        assertThat(apply(failed(JOB, io.zsentinel.events.data.ErrorClass.DEST_MODIFIED, "modified", 1, clock)))
                .isTrue();
        assertThat(JobFacts.running(s))
                .as("over, though no heartbeat said so yet")
                .isFalse();
        clock.advance(Duration.ofSeconds(5));
        assign(clock.instant(), true); // the resync that followed the failure, before any heartbeat said not running
        assertThat(JobFacts.running(s)).isTrue();
        assertThat(s.runningSinceMs).isEqualTo(clock.millis());
        clock.advance(Duration.ofSeconds(5));
        assign(clock.instant(), true);
        assertThat(s.runningSinceMs).as("the same run").isEqualTo(clock.millis() - 5000);
        assign(clock.instant(), false);
        assertThat(s.runningSinceMs).isNull();
    }

    @Test
    void anEventThatFailsHalfWayLeavesTheStateAsItWasAndTheNextOneAppliesOnTopOfIt() throws Exception {
        assertThat(apply(inventory(JOB, "source", DISK, "a:1:" + (T - 600), clock)))
                .isTrue();
        assertThat(apply(failed(JOB, io.zsentinel.events.data.ErrorClass.DEST_MODIFIED, "modified", 1, clock)))
                .isTrue();
        JobState before = s;
        String json = EventCodec.mapper().writeValueAsString(before);
        clock.advance(Duration.ofSeconds(5));
        // its sync point is beyond epoch millis: the fold fails after it took the source, target and time
        Envelope overflowing = succeeded(JOB, Instant.MAX, "b", clock);
        assertThatThrownBy(() -> JobFacts.apply(before, overflowing, clock.millis()))
                .isInstanceOf(ArithmeticException.class);
        assertThat(EventCodec.mapper().writeValueAsString(before))
                .as("nothing of it applied")
                .isEqualTo(json);

        assertThat(apply(succeeded(JOB, clock.instant(), "b", clock))).isTrue();
        assertThat(s.lastSuccessMs).isEqualTo(clock.millis());
        assertThat(s.failCount).isZero();
        assertThat(s.chainLostMs).isNull();
        assertThat(s.lastFailureMs).as("kept from before").isEqualTo(before.lastFailureMs);
        assertThat(names("source")).containsExactly("a");
        assertThat(EventCodec.mapper().writeValueAsString(before))
                .as("the fold leaves its input as it was")
                .isEqualTo(json);
    }

    @Test
    void anEventThatChangesNothingReturnsTheSameState() {
        assertThat(apply(inventory(JOB, "target", DISK, "a:1:" + (T - 600), clock)))
                .isTrue();
        JobState held = s;
        assertThat(JobFacts.apply(
                        held,
                        event(
                                EventType.SEND_COMPLETED,
                                JOB,
                                new io.zsentinel.events.data.TransferCompletedData("r9", "pve1", DISK, "a", 1, 1, null),
                                clock),
                        clock.millis()))
                .as("no transfer to end")
                .isSameAs(held);
    }

    private void assign(Instant sent, boolean running) {
        s = JobFacts.assign(
                s,
                new Assignment(
                        "ex1",
                        sent.toEpochMilli(),
                        new io.zsentinel.events.data.HeartbeatData.JobInfo(
                                JOB,
                                "pve1",
                                "pve2",
                                java.util.List.of(DISK),
                                "*/15",
                                1200,
                                true,
                                sent.plusSeconds(900),
                                0,
                                running,
                                null)));
    }

    /** Folds {@code e} into the job: true when it changed the state (a new one). */
    private boolean apply(Envelope e) {
        JobState next = JobFacts.apply(s, e, clock.millis());
        boolean changed = next != s;
        s = next;
        return changed;
    }

    private java.util.List<String> names(String role) {
        return ("source".equals(role) ? s.sourceInventory : s.targetInventory)
                .get(DISK).snapshots.stream().map(Snapshot::name).toList();
    }
}
