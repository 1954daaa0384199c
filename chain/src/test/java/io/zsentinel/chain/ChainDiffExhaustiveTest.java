package io.zsentinel.chain;

import static io.zsentinel.chain.Inventories.DS;
import static io.zsentinel.chain.Inventories.JOB;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every pair of inventories over a small universe of snapshots (this job's, another job's, a
 * user's, and a same-named impostor with another GUID), against a second, set-based reading of
 * the verdict table in design.md.
 */
class ChainDiffExhaustiveTest {
    /** In creation order. The impostor reuses r2's name with another GUID (a re-created dataset). */
    private static final List<Snapshot> UNIVERSE = List.of(
            snap(SnapshotNames.forJob(JOB, 1), "g1", 1),
            snap("daily", "gd", 2),
            snap(SnapshotNames.forJob(JOB, 2), "g2", 3),
            snap(SnapshotNames.forJob("101-1", 4), "gx", 4),
            snap(SnapshotNames.forJob(JOB, 2), "impostor", 5),
            snap(SnapshotNames.forJob(JOB, 6), "g6", 6));

    @Test
    void everyPairOfInventoriesGetsTheVerdictOfTheTable() {
        int pairs = 0;
        for (int s = 0; s < 1 << UNIVERSE.size(); s++) {
            for (int t = 0; t < 1 << UNIVERSE.size(); t++) {
                List<Snapshot> src = subset(s);
                List<Snapshot> dst = subset(t);
                if (src.stream().map(Snapshot::name).distinct().count() < src.size()
                        || dst.stream().map(Snapshot::name).distinct().count() < dst.size()) {
                    continue; // a dataset cannot hold two snapshots of one name
                }
                check(src, dst);
                pairs++;
            }
        }
        assertThat(pairs).isGreaterThan(2000);
    }

    private static void check(List<Snapshot> src, List<Snapshot> dst) {
        ChainView v = ChainDiff.compare(JOB, new Side(DS, true, src), new Side(DS, true, dst), null);
        String at = "src=" + names(src) + " dst=" + names(dst) + ": " + v.evidence();
        Set<String> srcGuids = src.stream().map(Snapshot::guid).collect(Collectors.toSet());
        List<Snapshot> common =
                dst.stream().filter(x -> srcGuids.contains(x.guid())).toList();
        assertThat(v.common()).as(at).extracting(c -> c.target()).containsExactlyElementsOf(common);
        if (src.isEmpty() && dst.isEmpty()) {
            assertThat(v.state()).as(at).isEqualTo(ChainState.UNKNOWN);
            return;
        }
        if (common.isEmpty()) {
            assertThat(v.state()).as(at).isEqualTo(ChainState.BROKEN);
            assertThat(v.backlog()).as(at).containsExactlyElementsOf(src);
            return;
        }
        Snapshot base = common.get(common.size() - 1);
        List<Snapshot> newerOnTarget =
                dst.stream().filter(x -> Snapshot.AGE.compare(x, base) > 0).toList();
        List<Snapshot> own = newerOnTarget.stream()
                .filter(x -> SnapshotNames.isJobs(x.name(), JOB))
                .toList();
        List<Snapshot> foreign = newerOnTarget.stream()
                .filter(x -> !SnapshotNames.isJobs(x.name(), JOB))
                .toList();
        assertThat(v.staleOwn()).as(at).containsExactlyElementsOf(own);
        assertThat(v.foreign()).as(at).containsExactlyElementsOf(foreign);
        assertThat(v.backlog())
                .as(at)
                .containsExactlyElementsOf(src.stream()
                        .filter(x -> Snapshot.AGE.compare(x, base) > 0)
                        .toList());
        boolean unprotected = common.size() == 1 && !SnapshotNames.isJobs(base.name(), JOB);
        ChainState expected = foreign.isEmpty() && !unprotected ? ChainState.OK : ChainState.AT_RISK;
        assertThat(v.state()).as(at).isEqualTo(expected);
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
        return snaps.stream().map(s -> s.name() + "/" + s.guid()).toList();
    }
}
