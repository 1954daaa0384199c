package io.zsentinel.executor.plan;

import static io.zsentinel.executor.plan.Inventories.DS;
import static io.zsentinel.executor.plan.Inventories.absent;
import static io.zsentinel.executor.plan.Inventories.inv;
import static io.zsentinel.executor.plan.Inventories.r;
import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.events.data.ErrorClass;
import io.zsentinel.executor.plan.ResyncPlanner.Refused;
import io.zsentinel.executor.plan.ResyncPlanner.RenameAsideFull;
import io.zsentinel.executor.plan.ResyncPlanner.RollbackIncremental;
import org.junit.jupiter.api.Test;

class ResyncPlannerTest {
    @Test
    void newestCommonByGuidAndRollback() {
        assertThat(ResyncPlanner.plan(
                        "101-0",
                        inv(r(1) + ":g1:1", "b:gb:2", r(5) + ":g5:5"),
                        inv(r(1) + ":g1:1", "renamed-b:gb:2", "junk:gj:3"),
                        r(5),
                        99,
                        1000L,
                        0L))
                .isEqualTo(new RollbackIncremental("b", "gb", r(5)));
    }

    @Test
    void noCommonRenamesAsideWhenThereIsSpace() {
        assertThat(ResyncPlanner.plan(
                        "101-0", inv(r(5) + ":g5:5"), inv(r(1) + ":x:1"), r(5), 1764140400L, 1000L, 1300L))
                .isEqualTo(new RenameAsideFull(DS + "_zsentinel_orphan_1764140400", r(5), 1300));
    }

    @Test
    void noCommonAndTooLittleSpaceIsRefused() {
        assertThat(ResyncPlanner.plan("101-0", inv(r(5) + ":g5:5"), inv(r(1) + ":x:1"), r(5), 1L, 1000L, 1299L))
                .isInstanceOfSatisfying(Refused.class, rf -> {
                    assertThat(rf.reason()).isEqualTo(ErrorClass.NO_SPACE);
                    assertThat(rf.detail()).contains("1299", "1300");
                });
        assertThat(ResyncPlanner.plan("101-0", inv(r(5) + ":g5:5"), inv(), r(5), 1L, null, 10L))
                .isInstanceOf(Refused.class);
    }

    @Test
    void absentTargetIsAFullSendWithoutOrphan() {
        assertThat(ResyncPlanner.plan("101-0", inv(r(5) + ":g5:5"), absent(), r(5), 1L, 10L, 100L))
                .isEqualTo(new RenameAsideFull(null, r(5), 13));
    }
}
