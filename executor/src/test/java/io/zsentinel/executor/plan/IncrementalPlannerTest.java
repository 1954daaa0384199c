package io.zsentinel.executor.plan;

import static io.zsentinel.executor.plan.Inventories.DS;
import static io.zsentinel.executor.plan.Inventories.absent;
import static io.zsentinel.executor.plan.Inventories.inv;
import static io.zsentinel.executor.plan.Inventories.r;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zsentinel.events.data.ErrorClass;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncrementalPlannerTest {
    private static final String JOB = "101-0";

    @Test
    void absentTargetMeansFull() {
        assertThat(IncrementalPlanner.plan(inv(r(2) + ":g2:2"), absent(), r(2), JOB))
                .isEqualTo(new Plan.Full(r(2)));
    }

    @Test
    void commonLastSyncIsTheBase() {
        assertThat(IncrementalPlanner.plan(inv(r(1) + ":g1:1", r(2) + ":g2:2"), inv(r(1) + ":g1:5"), r(2), JOB))
                .isEqualTo(new Plan.Incremental(r(1), "g1", r(2), List.of()));
    }

    @Test
    void gUIDDecidesNotTheName() {
        // same name, different GUID: not common -> no base
        assertThat(IncrementalPlanner.plan(inv(r(1) + ":g1:1", r(2) + ":g2:2"), inv(r(1) + ":OTHER:5"), r(2), JOB))
                .isInstanceOf(Conflict.NoCommonSnapshot.class);
        // renamed on the target, same GUID: still the base, named as on the source
        assertThat(IncrementalPlanner.plan(inv(r(1) + ":g1:1", r(2) + ":g2:2"), inv("renamed:g1:5"), r(2), JOB))
                .isEqualTo(new Plan.Incremental(r(1), "g1", r(2), List.of()));
    }

    @Test
    void withoutLastSyncTheNewestCommonIsTheBase() {
        assertThat(IncrementalPlanner.plan(inv("a:ga:1", "b:gb:2", r(3) + ":g3:3"), inv("a:ga:1", "b:gb:2"), r(3), JOB))
                .isEqualTo(new Plan.Incremental("b", "gb", r(3), List.of()));
    }

    @Test
    void aNewerCommonSnapshotWinsOverAnOlderLastSync() {
        // last sync r(1) is common, but user snapshot b (also on the target) is newer: base b
        assertThat(IncrementalPlanner.plan(
                        inv(r(1) + ":g1:1", "b:gb:2", r(3) + ":g3:3"), inv(r(1) + ":g1:1", "b:gb:2"), r(3), JOB))
                .isEqualTo(new Plan.Incremental("b", "gb", r(3), List.of()));
    }

    @Test
    void staleOwnSnapshotsOnTheTargetAreCleanedUpNotConflicts() {
        // r(2) reached the target but the run failed before recording it; the source lost it
        assertThat(IncrementalPlanner.plan(
                        inv(r(1) + ":g1:1", r(3) + ":g3:3"), inv(r(1) + ":g1:1", r(2) + ":g2:2"), r(3), JOB))
                .isEqualTo(new Plan.Incremental(r(1), "g1", r(3), List.of(r(2))));
    }

    @Test
    void foreignSnapshotsNewerThanTheBaseStopTheRunForAHuman() {
        Decision d = IncrementalPlanner.plan(
                inv(r(1) + ":g1:1", r(3) + ":g3:3"), inv(r(1) + ":g1:1", "manual:gm:2"), r(3), JOB);
        assertThat(d).isEqualTo(new Conflict.ForeignSnapshots(DS, r(1), List.of("manual")));
        // the chain is intact: not a chain break, so no resync is ordered over someone's snapshot
        assertThat(((Conflict) d).errorClass()).isEqualTo(ErrorClass.FOREIGN_SNAPSHOTS);
        assertThat(((Conflict) d).errorClass().remedy()).isEqualTo(ErrorClass.Remedy.HUMAN);
        assertThat(((Conflict) d).message()).contains("not on the source", "manual", "@" + r(1));
        // another job's replication snapshot is foreign too
        assertThat(IncrementalPlanner.plan(
                        inv(r(1) + ":g1:1", r(3) + ":g3:3"),
                        inv(r(1) + ":g1:1", "__replicate_101-1_2__:gx:2"),
                        r(3),
                        JOB))
                .isInstanceOf(Conflict.ForeignSnapshots.class);
    }

    @Test
    void noCommonSnapshotIsTheChainBreak() {
        Decision d = IncrementalPlanner.plan(inv(r(3) + ":g3:3"), inv(r(1) + ":g1:1"), r(3), JOB);
        assertThat(d).isEqualTo(new Conflict.NoCommonSnapshot(DS, r(3), r(1)));
        assertThat(((Conflict) d).message()).startsWith("No common base snapshot on volume(s)");
    }

    @Test
    void anExistingTargetWithoutSnapshotsIsNeverOverwritten() {
        assertThat(IncrementalPlanner.plan(inv(r(3) + ":g3:3"), inv(), r(3), JOB))
                .isEqualTo(new Conflict.NoCommonSnapshot(DS, r(3), null));
    }

    @Test
    void targetAlreadyHoldingToIsUpToDate() {
        assertThat(IncrementalPlanner.plan(inv(r(1) + ":g1:1"), inv(r(1) + ":g1:1"), r(1), JOB))
                .isEqualTo(new Plan.UpToDate(r(1)));
    }

    @Test
    void noSourceSnapshots() {
        assertThat(IncrementalPlanner.plan(inv(), inv(), "x", JOB)).isEqualTo(new Conflict.NoSourceSnapshots(DS));
    }

    @Test
    void toMustBeOnTheSource() {
        assertThatThrownBy(() -> IncrementalPlanner.plan(inv("a:ga:1"), absent(), "b", JOB))
                .hasMessageContaining("not on the source");
    }
}
