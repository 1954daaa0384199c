package io.zsentinel.executor.plan;

import static io.zsentinel.executor.plan.Inventories.inv;
import static io.zsentinel.executor.plan.Inventories.r;
import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.executor.plan.Pruner.PrunePlan;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrunerTest {
    @Test
    void olderOwnSnapshotsGoOnBothSidesTheNewestCommonStays() {
        PrunePlan p = Pruner.plan(
                "101-0",
                inv(r(1) + ":g1:1", "user:gu:2", r(2) + ":g2:3", "__replicate_101-1_3__:go:4", r(4) + ":g4:5"),
                inv(r(1) + ":g1:1", "user:gu:2", r(2) + ":g2:3", r(4) + ":g4:5"));
        assertThat(p).isEqualTo(new PrunePlan(List.of(r(1), r(2)), List.of(r(1), r(2))));
    }

    @Test
    void snapshotsNewerThanTheNewestCommonAreKept() {
        PrunePlan p = Pruner.plan(
                "101-0", inv(r(1) + ":g1:1", r(2) + ":g2:2", r(3) + ":g3:3"), inv(r(1) + ":g1:1", r(2) + ":g2:2"));
        assertThat(p).isEqualTo(new PrunePlan(List.of(r(1)), List.of(r(1))));
    }

    @Test
    void nothingCommonNothingPruned() {
        assertThat(Pruner.plan("101-0", inv(r(1) + ":g1:1", r(2) + ":g2:2"), inv(r(1) + ":x:1"))
                        .empty())
                .isTrue();
    }

    @Test
    void theOnlyCommonSnapshotIsNeverDestroyed() {
        assertThat(Pruner.plan("101-0", inv(r(1) + ":g1:1"), inv(r(1) + ":g1:1"))
                        .empty())
                .isTrue();
    }
}
