package io.zsentinel.executor.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.events.JobKey;
import io.zsentinel.executor.calendar.CalendarEvent;
import io.zsentinel.executor.config.JobConfig;
import io.zsentinel.executor.drill.DrillSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One tick's decision: due, admitted, ordered; drills beside runs. */
class SchedulerTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:07:00Z");
    private static final Instant LAST = Instant.parse("2026-11-26T10:00:00Z");
    private static final Scheduler ONE_PER_NODE = new Scheduler(ZoneOffset.UTC, 1);
    private static final Scheduler FIVE_PER_NODE = new Scheduler(ZoneOffset.UTC, 5);

    private static JobConfig config(
            String id, String source, String target, String schedule, boolean enabled, String drillSchedule) {
        return new JobConfig(
                new JobKey("lab", id),
                source,
                target,
                List.of("rpool/data/subvol-" + id),
                CalendarEvent.parse(schedule),
                0,
                Duration.ofMinutes(20),
                enabled,
                drillSchedule == null ? null : CalendarEvent.parse(drillSchedule));
    }

    /** Every 5 minutes, last tried at 10:00, ok: due at 10:05, so due now. */
    private static Scheduler.Job due(String id, String source, String target) {
        return job(config(id, source, target, "*/5", true, null), new JobRunState(LAST, LAST, 0, false));
    }

    private static Scheduler.Job job(JobConfig config, JobRunState state) {
        return new Scheduler.Job(config, state, false, false, false, LAST, null);
    }

    private static Scheduler.Job with(Scheduler.Job j, boolean commanded, boolean inventorying, boolean drilling) {
        return new Scheduler.Job(
                j.config(), j.state(), commanded, inventorying, drilling, j.drillSince(), j.lastDrillTry());
    }

    private static Scheduler.Job running(Scheduler.Job j) {
        return job(j.config(), j.state().started(NOW.minusSeconds(30)));
    }

    @Nested
    class Due {
        @Test
        void aJobNeverTriedRunsAtOnce() {
            Scheduler.Job fresh = job(config("101-0", "pve1", "pve2", "2099-01-01", true, null), JobRunState.NEW);
            assertThat(FIVE_PER_NODE.decide(List.of(fresh), NOW).runs()).containsExactly("lab/101-0");
        }

        @ParameterizedTest(name = "{0} lastTry={1} fails={2} -> runs {3}")
        @CsvSource(delimiter = '|', textBlock = """
                */5    | 2026-11-26T10:00:00Z | 0 | true
                */15   | 2026-11-26T10:00:00Z | 0 | false
                # the backoff after one failure (5 min) has passed; after two (10 min) not yet
                hourly | 2026-11-26T10:00:00Z | 1 | true
                hourly | 2026-11-26T10:00:00Z | 2 | false
                2099-01-01 | 2026-11-26T10:00:00Z | 0 | false
                """)
        void asNextRunHasIt(String schedule, String lastTry, int fails, boolean runs) {
            Scheduler.Job j = job(
                    config("101-0", "pve1", "pve2", schedule, true, null),
                    new JobRunState(Instant.parse(lastTry), null, fails, false));
            assertThat(FIVE_PER_NODE.decide(List.of(j), NOW).runs()).hasSize(runs ? 1 : 0);
        }

        @Test
        void aDisabledJobRunsOnlyOnCommand() {
            Scheduler.Job off = job(config("101-0", "pve1", "pve2", "*/5", false, null), JobRunState.NEW);
            assertThat(FIVE_PER_NODE.decide(List.of(off), NOW).runs()).isEmpty();
            assertThat(FIVE_PER_NODE
                            .decide(List.of(with(off, true, false, false)), NOW)
                            .runs())
                    .containsExactly("lab/101-0");
        }

        @Test
        void aCommandRunsAJobThatIsNotDue() {
            Scheduler.Job later = job(
                    config("101-0", "pve1", "pve2", "2099-01-01", true, null), new JobRunState(LAST, LAST, 0, false));
            assertThat(FIVE_PER_NODE
                            .decide(List.of(with(later, true, false, false)), NOW)
                            .runs())
                    .containsExactly("lab/101-0");
        }

        @Test
        void aRunningJobIsNotStartedAgainEvenWhenCommanded() {
            Scheduler.Job j = running(due("101-0", "pve1", "pve2"));
            assertThat(FIVE_PER_NODE.decide(List.of(j), NOW).runs()).isEmpty();
            assertThat(FIVE_PER_NODE
                            .decide(List.of(with(j, true, false, false)), NOW)
                            .runs())
                    .isEmpty();
        }

        @Test
        void aJobBeingInventoriedOrDrilledWaitsForTheNextTick() {
            Scheduler.Job j = due("101-0", "pve1", "pve2");
            assertThat(FIVE_PER_NODE
                            .decide(List.of(with(j, false, true, false)), NOW)
                            .runs())
                    .isEmpty();
            assertThat(FIVE_PER_NODE
                            .decide(List.of(with(j, false, false, true)), NOW)
                            .runs())
                    .isEmpty();
            assertThat(FIVE_PER_NODE
                            .decide(List.of(with(j, true, true, false)), NOW)
                            .runs())
                    .as("even commanded")
                    .isEmpty();
        }

        @Test
        void nothingConfiguredNothingToDo() {
            assertThat(FIVE_PER_NODE.decide(List.of(), NOW)).isEqualTo(new Scheduler.Tick(List.of(), List.of()));
        }
    }

    @Nested
    class Admitted {
        @Test
        void atMostKTransfersPerNodeCountingTheRunningOnes() {
            Scheduler.Job a = due("101-0", "pve1", "pve2");
            Scheduler.Job b = due("102-0", "pve1", "pve2");
            Scheduler.Job c = due("103-0", "pve3", "pve4");
            Scheduler.Job d = due("104-0", "pve2", "pve3");
            assertThat(ONE_PER_NODE.decide(List.of(a, b, c, d), NOW).runs()).containsExactly("lab/101-0", "lab/103-0");
            assertThat(new Scheduler(ZoneOffset.UTC, 2)
                            .decide(List.of(a, b, c, d), NOW)
                            .runs())
                    .containsExactly("lab/101-0", "lab/102-0", "lab/103-0");
            assertThat(ONE_PER_NODE.decide(List.of(running(a), b, c, d), NOW).runs())
                    .containsExactly("lab/103-0");
        }

        @Test
        void commandedJobsGoFirst() {
            Scheduler.Job a = due("101-0", "pve1", "pve2");
            Scheduler.Job b = with(due("102-0", "pve1", "pve2"), true, false, false);
            assertThat(ONE_PER_NODE.decide(List.of(a, b), NOW).runs()).containsExactly("lab/102-0");
        }

        @Test
        void thenTheOldestDue() {
            // both due: a at 10:05 (every 5 min since 10:00), b at 10:00 (hourly, before its retry at 10:02)
            Scheduler.Job a = due("101-0", "pve1", "pve2");
            Scheduler.Job b = job(
                    config("102-0", "pve1", "pve2", "hourly", true, null),
                    new JobRunState(Instant.parse("2026-11-26T09:57:00Z"), null, 1, false));
            assertThat(ONE_PER_NODE.decide(List.of(a, b), NOW).runs()).containsExactly("lab/102-0");
            assertThat(ONE_PER_NODE.decide(List.of(b, a), NOW).runs()).containsExactly("lab/102-0");
        }

        @Test
        void aJobNeverTriedIsDueNowSoAfterTheOverdueOnes() {
            Scheduler.Job fresh = job(config("101-0", "pve1", "pve2", "*/5", true, null), JobRunState.NEW);
            Scheduler.Job overdue = due("102-0", "pve1", "pve2");
            assertThat(ONE_PER_NODE.decide(List.of(fresh, overdue), NOW).runs()).containsExactly("lab/102-0");
        }

        @Test
        void equalDueTimesKeepTheConfiguredOrder() {
            Scheduler.Job a = due("101-0", "pve1", "pve2");
            Scheduler.Job b = due("102-0", "pve1", "pve2");
            assertThat(ONE_PER_NODE.decide(List.of(b, a), NOW).runs()).containsExactly("lab/102-0");
            assertThat(FIVE_PER_NODE.decide(List.of(b, a), NOW).runs()).containsExactly("lab/102-0", "lab/101-0");
        }
    }

    @Nested
    class Drills {
        private static final Instant DRILL_DUE = Instant.parse("2027-01-01T00:00:00Z");

        /** Quarterly drills counted from 2026-11-20: due 2027-01-01; runs not due (2099). */
        private Scheduler.Job drillable(Instant lastDrillTry) {
            JobConfig c = config("101-0", "pve1", "pve2", "2099-01-01", true, "quarterly");
            return new Scheduler.Job(
                    c,
                    new JobRunState(LAST, LAST, 0, false),
                    false,
                    false,
                    false,
                    Instant.parse("2026-11-20T12:00:00Z"),
                    lastDrillTry);
        }

        private static Scheduler.Job at(
                Scheduler.Job j, JobRunState state, boolean commanded, boolean inventorying, boolean drilling) {
            return new Scheduler.Job(
                    j.config(), state, commanded, inventorying, drilling, j.drillSince(), j.lastDrillTry());
        }

        @Test
        void aDueDrillStartsAndNoRun() {
            Scheduler.Tick t = FIVE_PER_NODE.decide(List.of(drillable(null)), DRILL_DUE);
            assertThat(t.drills()).containsExactly("lab/101-0");
            assertThat(t.runs()).isEmpty();
            assertThat(FIVE_PER_NODE
                            .decide(List.of(drillable(null)), DRILL_DUE.minusSeconds(1))
                            .drills())
                    .isEmpty();
        }

        @Test
        void notBesideARunNorAnInventoryNorAnotherDrill() {
            Scheduler.Job j = drillable(null);
            JobRunState idle = j.state();
            assertThat(FIVE_PER_NODE
                            .decide(List.of(at(j, idle.started(DRILL_DUE), false, false, false)), DRILL_DUE)
                            .drills())
                    .as("running")
                    .isEmpty();
            assertThat(FIVE_PER_NODE
                            .decide(List.of(at(j, idle, false, true, false)), DRILL_DUE)
                            .drills())
                    .as("inventorying")
                    .isEmpty();
            assertThat(FIVE_PER_NODE
                            .decide(List.of(at(j, idle, false, false, true)), DRILL_DUE)
                            .drills())
                    .as("drilling")
                    .isEmpty();
        }

        @Test
        void aRunAdmittedThisTickGoesFirst() {
            Scheduler.Tick t = FIVE_PER_NODE.decide(
                    List.of(at(drillable(null), drillable(null).state(), true, false, false)), DRILL_DUE);
            assertThat(t.runs()).containsExactly("lab/101-0");
            assertThat(t.drills()).isEmpty();
        }

        @Test
        void aDrillThatCouldNotRunIsTriedAgainAfterTheRetry() {
            Instant tried = DRILL_DUE.plusSeconds(10);
            assertThat(FIVE_PER_NODE
                            .decide(
                                    List.of(drillable(tried)),
                                    tried.plus(DrillSchedule.RETRY).minusSeconds(1))
                            .drills())
                    .isEmpty();
            assertThat(FIVE_PER_NODE
                            .decide(List.of(drillable(tried)), tried.plus(DrillSchedule.RETRY))
                            .drills())
                    .containsExactly("lab/101-0");
        }

        @Test
        void drillsDoNotCountAgainstTheTransferLimit() {
            Scheduler.Job run = due("102-0", "pve1", "pve2");
            Scheduler.Tick t = ONE_PER_NODE.decide(List.of(drillable(null), run), DRILL_DUE);
            assertThat(t.drills()).containsExactly("lab/101-0");
            assertThat(t.runs()).containsExactly("lab/102-0");
        }

        @Test
        void drillDueIsTheSchedulesFirstTimeAfterSince() {
            assertThat(FIVE_PER_NODE.drillDue(drillable(null))).isEqualTo(DRILL_DUE);
            assertThat(FIVE_PER_NODE.drillDue(due("102-0", "pve1", "pve2")))
                    .as("no drill schedule")
                    .isNull();
        }
    }

    @Test
    void nextRunIsEmptyForADisabledJob() {
        Scheduler.Job off =
                job(config("101-0", "pve1", "pve2", "*/5", false, null), new JobRunState(LAST, LAST, 0, false));
        assertThat(FIVE_PER_NODE.nextRun(off, NOW)).isEmpty();
        assertThat(FIVE_PER_NODE.nextRun(due("102-0", "pve1", "pve2"), NOW))
                .contains(Instant.parse("2026-11-26T10:05:00Z"));
    }
}
