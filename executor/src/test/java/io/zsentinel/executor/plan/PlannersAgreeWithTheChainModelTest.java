package io.zsentinel.executor.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.chain.ChainDiff;
import io.zsentinel.chain.ChainState;
import io.zsentinel.chain.ChainView;
import io.zsentinel.chain.Snapshot;
import io.zsentinel.chain.SnapshotNames;
import io.zsentinel.events.data.ErrorClass;
import io.zsentinel.executor.zfs.DatasetInventory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The executor acts on the verdict the collector reports: over every pair of inventories of a
 * small universe, a chain the model calls OK or AT_RISK-but-intact gets an incremental, one with
 * foreign snapshots a conflict for a human, and only a BROKEN one the conflict that orders a
 * resync. What the executor cleans up on the target is exactly what the model calls stale.
 */
class PlannersAgreeWithTheChainModelTest {
    private static final String JOB = "101-0";
    private static final List<Snapshot> UNIVERSE = List.of(
            snap(SnapshotNames.forJob(JOB, 1), "g1", 1),
            snap("daily", "gd", 2),
            snap(SnapshotNames.forJob(JOB, 2), "g2", 3),
            snap(SnapshotNames.forJob("101-1", 4), "gx", 4),
            snap("manual", "gm", 5),
            snap(SnapshotNames.forJob(JOB, 6), "g6", 6));
    /** The snapshot a run has just taken: newer than everything, only on the source. */
    private static final Snapshot TO = snap(SnapshotNames.forJob(JOB, 9), "g9", 9);

    @Test
    void everyVerdictLeadsToTheMatchingDecision() {
        int pairs = 0;
        for (int s = 0; s < 1 << UNIVERSE.size(); s++) {
            for (int t = 0; t < 1 << UNIVERSE.size(); t++) {
                List<Snapshot> src = new ArrayList<>(subset(s));
                src.add(TO);
                DatasetInventory source = new DatasetInventory(Inventories.DS, true, 1L, 1L, src);
                DatasetInventory target = new DatasetInventory(Inventories.DS, true, 1L, 1L, subset(t));
                ChainView chain = ChainDiff.compare(JOB, source.side(), target.side(), null);
                Decision d = IncrementalPlanner.plan(source, target, TO.name(), JOB);
                String at = "src=" + names(src) + " dst=" + names(target.snapshots()) + ": " + chain.evidence();
                switch (chain.state()) {
                    case OK ->
                        assertThat(d).as(at).isInstanceOfSatisfying(Plan.Incremental.class, p -> {
                            assertThat(p.baseGuid())
                                    .isEqualTo(
                                            chain.newestCommon().orElseThrow().guid());
                            assertThat(p.destroyOnTarget())
                                    .isEqualTo(chain.staleOwn().stream()
                                            .map(Snapshot::name)
                                            .toList());
                        });
                    case AT_RISK -> {
                        if (chain.foreign().isEmpty()) {
                            assertThat(d).as(at).isInstanceOf(Plan.Incremental.class);
                        } else {
                            assertThat(d).as(at).isInstanceOf(Conflict.ForeignSnapshots.class);
                        }
                    }
                    case BROKEN -> assertThat(d).as(at).isInstanceOf(Conflict.NoCommonSnapshot.class);
                    case UNKNOWN -> throw new AssertionError("a run always has a snapshot to send: " + at);
                }
                boolean ordersResync = d instanceof Conflict c && c.errorClass().remedy() == ErrorClass.Remedy.RESYNC;
                assertThat(ordersResync).as(at).isEqualTo(chain.state() == ChainState.BROKEN);
                pairs++;
            }
        }
        assertThat(pairs).isEqualTo(64 * 64);
    }

    private static List<Snapshot> subset(int mask) {
        List<Snapshot> out = new ArrayList<>();
        for (int i = 0; i < UNIVERSE.size(); i++) {
            if ((mask & 1 << i) != 0) {
                out.add(UNIVERSE.get(i));
            }
        }
        return out;
    }

    private static Snapshot snap(String name, String guid, long txg) {
        return new Snapshot(name, guid, txg * 1000, txg, 1L, null);
    }

    private static List<String> names(List<Snapshot> snaps) {
        return snaps.stream().map(Snapshot::name).toList();
    }
}
