package io.zsentinel.executor.service;

import static io.zsentinel.executor.service.Jobs.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.events.data.CommandData;
import io.zsentinel.events.data.ErrorClass;
import io.zsentinel.events.data.RunStage;
import io.zsentinel.executor.config.JobConfig;
import io.zsentinel.executor.run.RunOutcome;
import io.zsentinel.executor.scheduling.JobRunState;
import io.zsentinel.executor.state.JobStateStore;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** One job's bookkeeping: commands queued, a run's end, a drill's end, what is saved. */
class JobSlotTest {
    private static final JobConfig JOB = Jobs.job("101-0", "pve1", "pve2", "*/15", "quarterly");
    private static final Instant LAST = Instant.parse("2026-11-26T10:00:00Z");

    private static JobSlot slot(int failCount) {
        return new JobSlot(JOB, new JobStateStore.Saved(LAST, LAST, failCount, "snap-0", null), NOW);
    }

    @Test
    void startsFromTheSavedStateOrNew() {
        assertThat(slot(2).state).isEqualTo(new JobRunState(LAST, LAST, 2, false));
        assertThat(slot(2).drillSince)
                .as("drills count from when the job was first held")
                .isEqualTo(NOW);
        JobSlot fresh = new JobSlot(JOB, null, NOW);
        assertThat(fresh.state).isEqualTo(JobRunState.NEW);
        assertThat(fresh.lastSnapshot).isNull();
    }

    @Test
    void aResyncOutranksAQueuedRunNowAndASecondRunNowIsTheSameRun() {
        JobSlot s = slot(0);
        CommandData first = Jobs.command(JOB.key().toString(), CommandData.RUN_NOW);
        s.command(first);
        s.command(Jobs.command(JOB.key().toString(), CommandData.RUN_NOW));
        assertThat(s.pending).isSameAs(first);
        CommandData resync = Jobs.command(JOB.key().toString(), CommandData.RESYNC);
        s.command(resync);
        s.command(Jobs.command(JOB.key().toString(), CommandData.RUN_NOW));
        assertThat(s.pending).isSameAs(resync);
        assertThat(s.view().commanded()).isTrue();
        assertThat(s.started(NOW)).isSameAs(resync);
        assertThat(s.pending).isNull();
        assertThat(s.state.running()).isTrue();
    }

    @Test
    void eachRunGetsAFreshCancelFlag() {
        JobSlot s = slot(0);
        var before = s.cancel;
        before.set(true);
        s.started(NOW);
        assertThat(s.cancel).isNotSameAs(before);
        assertThat(s.cancel.get()).isFalse();
    }

    @Test
    void successResetsTheStreakAndRecordsTheSnapshot() {
        JobSlot s = slot(3);
        s.started(NOW);
        s.finished(null, new RunOutcome.Succeeded("snap-1", NOW, 10));
        assertThat(s.state).isEqualTo(new JobRunState(NOW, NOW, 0, false));
        assertThat(s.saved()).isEqualTo(new JobStateStore.Saved(NOW, NOW, 0, "snap-1", NOW));
    }

    @Test
    void failureCountsOn() {
        JobSlot s = slot(1);
        s.started(NOW);
        s.finished(null, new RunOutcome.Failed(RunStage.SEND, ErrorClass.NO_SPACE, "full"));
        assertThat(s.state).isEqualTo(new JobRunState(NOW, LAST, 2, false));
        assertThat(s.lastSnapshot).isEqualTo("snap-0");
    }

    @Test
    void aRefusedResyncLeavesTheStreakAsItWas() {
        JobSlot s = slot(1);
        CommandData resync = Jobs.command(JOB.key().toString(), CommandData.RESYNC);
        s.finished(resync, new RunOutcome.Failed(RunStage.RESYNC, ErrorClass.NO_SPACE, "no room"));
        assertThat(s.state.failCount()).isEqualTo(1);
        // any other failure of a resync counts
        s.finished(resync, new RunOutcome.Failed(RunStage.RESYNC, ErrorClass.UNKNOWN, "x"));
        assertThat(s.state.failCount()).isEqualTo(2);
        s.finished(null, new RunOutcome.Failed(RunStage.RESYNC, ErrorClass.NO_SPACE, "x"));
        assertThat(s.state.failCount()).as("not a resync command").isEqualTo(3);
    }

    @Test
    void onlyADrillThatRanMovesItsScheduleOn() {
        JobSlot s = slot(0);
        s.drillStarted(NOW);
        assertThat(s.view().drilling()).isTrue();
        assertThat(s.lastDrillTry).isEqualTo(NOW);
        s.drilled(Jobs.drilled(JOB, NOW.plusSeconds(5), "UNREACHABLE"));
        assertThat(s.drilling).isFalse();
        assertThat(s.drillSince).isEqualTo(NOW);
        s.drilled(null);
        assertThat(s.drillSince).isEqualTo(NOW);
        s.drilled(Jobs.drilled(JOB, NOW.plusSeconds(9), null));
        assertThat(s.drillSince).isEqualTo(NOW.plusSeconds(9));
    }
}
