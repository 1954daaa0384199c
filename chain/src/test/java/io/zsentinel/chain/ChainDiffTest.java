package io.zsentinel.chain;

import static io.zsentinel.chain.Inventories.DS;
import static io.zsentinel.chain.Inventories.JOB;
import static io.zsentinel.chain.Inventories.name;
import static io.zsentinel.chain.Inventories.side;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The table of verdicts in design.md, row by row. */
class ChainDiffTest {
    private static final long MIB = 1L << 20;

    static Stream<Arguments> verdicts() {
        return Stream.of(
                // source, target, state, newest common, common count, stale own, foreign, backlog count
                // pvesr's steady state: one replication snapshot per job, on both sides
                Arguments.of("r1:g1:1", "r1:g1:1", ChainState.OK, "r1", 1, "", "", 0),
                // between snapshot and send: the new one is backlog
                Arguments.of("r1:g1:1,r2:g2:2", "r1:g1:1", ChainState.OK, "r1", 1, "", "", 1),
                // after the receive, before the prune
                Arguments.of("r1:g1:1,r2:g2:2", "r1:g1:1,r2:g2:2", ChainState.OK, "r2", 2, "", "", 0),
                // the source pruned first: the old one left on the target is older than the base
                Arguments.of("r2:g2:2", "r1:g1:1,r2:g2:2", ChainState.OK, "r2", 1, "", "", 0),
                // user snapshots carried along by -I
                Arguments.of("a:ga:1,r2:g2:2,b:gb:3", "a:ga:1,r2:g2:2", ChainState.OK, "r2", 2, "", "", 1),
                // this job's stale snapshot on the target (received, then the run failed): cleanup
                Arguments.of("r1:g1:1,r3:g3:3", "r1:g1:1,r2:g2:2", ChainState.OK, "r1", 1, "r2", "", 1),
                // a foreign snapshot older than the base threatens nothing
                Arguments.of("r1:g1:2", "manual:gm:1,r1:g1:2", ChainState.OK, "r1", 1, "", "", 0),
                // a foreign snapshot newer than the base
                Arguments.of("r1:g1:1,r3:g3:3", "r1:g1:1,manual:gm:2", ChainState.AT_RISK, "r1", 1, "", "manual", 1),
                // another job's replication snapshot is foreign to this one
                Arguments.of(
                        "r1:g1:1",
                        "r1:g1:1,__replicate_101-1_2__:gx:2",
                        ChainState.AT_RISK,
                        "r1",
                        1,
                        "",
                        "__replicate_101-1_2__",
                        0),
                // stale own and foreign together: the foreign one decides
                Arguments.of("r1:g1:1", "r1:g1:1,r2:g2:2,manual:gm:3", ChainState.AT_RISK, "r1", 1, "r2", "manual", 0),
                // the only common snapshot is someone else's
                Arguments.of("daily:gd:1,r2:g2:2", "daily:gd:1", ChainState.AT_RISK, "daily", 1, "", "", 1),
                // ... unless another one is common too
                Arguments.of("daily:gd:1,r2:g2:2", "daily:gd:1,r2:g2:2", ChainState.OK, "r2", 2, "", "", 0),
                // no common snapshot
                Arguments.of("r3:g3:3", "r1:g1:1", ChainState.BROKEN, null, 0, "", "", 1),
                // the same names with other GUIDs are not common
                Arguments.of("a:g1:1,b:g2:2", "a:g101:1,b:g102:2", ChainState.BROKEN, null, 0, "", "", 2),
                // the target exists but holds no snapshot: a full receive would overwrite it
                Arguments.of("r1:g1:1", "", ChainState.BROKEN, null, 0, "", "", 1),
                // every snapshot gone on the source
                Arguments.of("", "r1:g1:1", ChainState.BROKEN, null, 0, "", "", 0),
                // nothing anywhere yet
                Arguments.of("", "", ChainState.UNKNOWN, null, 0, "", "", 0));
    }

    @ParameterizedTest(name = "[{index}] src={0} dst={1} -> {2}")
    @MethodSource("verdicts")
    void judgesTheChainByGuid(
            String source,
            String target,
            ChainState state,
            String newestCommon,
            int common,
            String staleOwn,
            String foreign,
            int backlog) {
        ChainView v = ChainDiff.compare(JOB, side(source), side(target), null);
        assertThat(v.state()).as(v.evidence()).isEqualTo(state);
        assertThat(v.newestCommon().map(c -> c.source().name()).orElse(null))
                .isEqualTo(newestCommon == null ? null : name(newestCommon));
        assertThat(v.common()).hasSize(common);
        assertThat(v.staleOwn()).extracting(Snapshot::name).containsExactlyElementsOf(names(staleOwn));
        assertThat(v.foreign()).extracting(Snapshot::name).containsExactlyElementsOf(names(foreign));
        assertThat(v.backlog()).hasSize(backlog);
        assertThat(v.risks().isEmpty()).isEqualTo(state != ChainState.AT_RISK);
        assertThat(v.evidence()).isNotBlank();
    }

    @Test
    void theEvidenceOfEachRiskNamesWhatIsAtStake() {
        ChainView foreign = ChainDiff.compare(JOB, side("r1:g1:1,r3:g3:3"), side("r1:g1:1,manual:gm:2"), null);
        assertThat(foreign.risks()).containsExactly(new Risk.ForeignSnapshots(name("r1"), List.of("manual")));
        assertThat(foreign.evidence()).contains("manual", name("r1"), "destroy");
        ChainView unprotected = ChainDiff.compare(JOB, side("daily:gd:1"), side("daily:gd:1"), null);
        assertThat(unprotected.risks()).containsExactly(new Risk.UnprotectedBase("daily"));
        assertThat(unprotected.evidence()).contains("@daily", "prune");
    }

    @Test
    void staleOwnSnapshotsAreNamedAsCleanupInTheEvidence() {
        ChainView v = ChainDiff.compare(JOB, side("r1:g1:1"), side("r1:g1:1,r2:g2:2"), null);
        assertThat(v.state()).isEqualTo(ChainState.OK);
        assertThat(v.evidence()).contains("cleans up", name("r2"));
    }

    @Test
    void aGuidMismatchUnderTheSameNameIsNamedWithBothGuids() {
        ChainView v = ChainDiff.compare(JOB, side("a:g1:1,b:g2:2"), side("a:g101:1,b:g102:2"), null);
        assertThat(v.evidence()).contains("no common snapshot", "@b", "g102", "g2");
    }

    @Test
    void anAbsentTargetIsUnknownWithTheWholeSourceAsBacklog() {
        ChainView v = ChainDiff.compare(JOB, side("a:ga:1:5,b:gb:2:7"), Side.absent(DS), null);
        assertThat(v.state()).isEqualTo(ChainState.UNKNOWN);
        assertThat(v.backlog()).hasSize(2);
        assertThat(v.backlogBytes()).isEqualTo(12);
        assertThat(v.evidence()).contains("full send");
    }

    @Test
    void anAbsentSourceIsUnknown() {
        ChainView v = ChainDiff.compare(JOB, Side.absent(DS), side("r1:g1:1"), null);
        assertThat(v.state()).isEqualTo(ChainState.UNKNOWN);
        assertThat(v.evidence()).contains("source dataset does not exist");
    }

    @Test
    void backlogBytesAreIncompleteWhenASnapshotDoesNotReportUsed() {
        ChainView v = ChainDiff.compare(JOB, side("r1:g1:1:5,b:gb:2,c:gc:3:4"), side("r1:g1:1"), null);
        assertThat(v.backlog()).extracting(Snapshot::name).containsExactly("b", "c");
        assertThat(v.backlogBytes()).isEqualTo(4);
        assertThat(v.backlogBytesComplete()).isFalse();
    }

    @Test
    void aTargetPoolThatCannotTakeTheNextDeltaIsAtRisk() {
        long size = 512 * MIB;
        long slop = size / 32;
        long floor = size / 100; // a small pool: 1 % of it rather than 64 MiB
        ChainView full =
                ChainDiff.compare(JOB, side("r1:g1:1"), side("r1:g1:1"), new ChainDiff.Room(size, slop + floor - 1));
        assertThat(full.state()).isEqualTo(ChainState.AT_RISK);
        assertThat(full.risks()).containsExactly(new Risk.NoRoom(slop + floor - 1, slop + floor));
        assertThat(full.evidence()).contains("bytes free");
        assertThat(ChainDiff.compare(JOB, side("r1:g1:1"), side("r1:g1:1"), new ChainDiff.Room(size, slop + floor))
                        .state())
                .isEqualTo(ChainState.OK);
        // a backlog larger than the floor needs its own room
        ChainView big = ChainDiff.compare(
                JOB, side("r1:g1:1:1,b:gb:2:" + 200 * MIB), side("r1:g1:1"), new ChainDiff.Room(size, 150 * MIB));
        assertThat(big.risks()).containsExactly(new Risk.NoRoom(150 * MIB, slop + 200 * MIB));
        // a large pool keeps at most 64 MiB beyond its slop for the next receive
        long tera = 1L << 40;
        assertThat(ChainDiff.compare(
                                JOB,
                                side("r1:g1:1"),
                                side("r1:g1:1"),
                                new ChainDiff.Room(tera, tera / 32 + ChainDiff.MIN_DELTA_BYTES - 1))
                        .state())
                .isEqualTo(ChainState.AT_RISK);
        assertThat(ChainDiff.compare(
                                JOB,
                                side("r1:g1:1"),
                                side("r1:g1:1"),
                                new ChainDiff.Room(tera, tera / 32 + ChainDiff.MIN_DELTA_BYTES))
                        .state())
                .isEqualTo(ChainState.OK);
        // without pool figures nothing is judged about room
        assertThat(ChainDiff.compare(JOB, side("r1:g1:1"), side("r1:g1:1"), null)
                        .state())
                .isEqualTo(ChainState.OK);
    }

    @Test
    void orderIsByTransactionGroupWhenCreationTimesTie() {
        Side source = new Side(
                DS,
                true,
                List.of(
                        new Snapshot("b", "2", 10_000, 200L, 1L, null),
                        new Snapshot("a", "1", 10_000, 100L, 1L, null)));
        Side target = new Side(
                DS,
                true,
                List.of(
                        new Snapshot("a", "1", 10_000, 7L, null, null),
                        new Snapshot("b", "2", 10_000, 9L, null, null)));
        ChainView v = ChainDiff.compare(JOB, source, target, null);
        assertThat(v.newestCommon().orElseThrow().source().name()).isEqualTo("b");
        assertThat(v.common()).extracting(Common::guid).containsExactly("1", "2");
    }

    @Test
    void theWorstOfTwoStates() {
        assertThat(ChainState.OK.worst(ChainState.AT_RISK)).isEqualTo(ChainState.AT_RISK);
        assertThat(ChainState.BROKEN.worst(ChainState.AT_RISK)).isEqualTo(ChainState.BROKEN);
        assertThat(ChainState.OK.worst(ChainState.UNKNOWN)).isEqualTo(ChainState.UNKNOWN);
        assertThat(ChainState.UNKNOWN.worst(ChainState.AT_RISK)).isEqualTo(ChainState.AT_RISK);
    }

    private static List<String> names(String csv) {
        return csv.isBlank()
                ? List.of()
                : Stream.of(csv.split(",")).map(Inventories::name).toList();
    }
}
