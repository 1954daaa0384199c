package io.zsentinel.collector.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ChainAnalysisTest {

    /** {@code "name:guid:creation[:used]"}, comma-separated; empty string = no snapshot. */
    static List<Snap> snaps(String notation) {
        List<Snap> out = new ArrayList<>();
        if (notation.isBlank()) {
            return out;
        }
        for (String item : notation.split(",")) {
            String[] f = item.strip().split(":");
            out.add(new Snap(f[0], f[1], Long.parseLong(f[2]) * 1000, null,
                    f.length > 3 ? Long.valueOf(f[3]) : null, null));
        }
        return out;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // source, target, state, newest common, common, backlog count, backlog bytes
                Arguments.of("a:1:10:5,b:2:20:7,c:3:30:11", "a:1:10,b:2:20,c:3:30", ChainState.OK, "c", 3, 0, 0L),
                Arguments.of("a:1:10:5,b:2:20:7,c:3:30:11", "a:1:10,b:2:20", ChainState.OK, "b", 2, 1, 11L),
                Arguments.of("b:2:20:7,c:3:30:11,d:4:40:13", "b:2:20", ChainState.AT_RISK, "b", 1, 2, 24L),
                Arguments.of("c:3:30:11", "c:3:30", ChainState.AT_RISK, "c", 1, 0, 0L),
                Arguments.of("x:9:50:1,y:8:60:2", "a:1:10,b:2:20", ChainState.BROKEN, null, 0, 2, 3L),
                // target diverged: its newest is not on the source though an older one is common
                Arguments.of("a:1:10:5,b:2:20:7", "a:1:10,z:77:25", ChainState.BROKEN, "a", 1, 1, 7L),
                // GUID mismatch with equal names: same names, different GUIDs, nothing common
                Arguments.of("a:1:10:5,b:2:20:7", "a:101:10,b:102:20", ChainState.BROKEN, null, 0, 2, 12L),
                // equal name at the top only: older snapshot common, newest same name but other GUID
                Arguments.of("a:1:10:5,b:2:20:7", "a:1:10,b:999:20", ChainState.BROKEN, "a", 1, 1, 7L),
                // target exists but is empty
                Arguments.of("a:1:10:5", "", ChainState.BROKEN, null, 0, 1, 5L),
                // nothing anywhere yet
                Arguments.of("", "", ChainState.UNKNOWN, null, 0, 0, 0L));
    }

    @ParameterizedTest(name = "[{index}] src={0} dst={1} -> {2}")
    @MethodSource("cases")
    void judgesTheChainByGuid(String source, String target, ChainState state, String newestCommon, int common,
            int backlogCount, long backlogBytes) {
        ChainResult r = ChainAnalysis.analyze(snaps(source), snaps(target));
        assertThat(r.state()).as(r.evidence()).isEqualTo(state);
        assertThat(r.newestCommon() == null ? null : r.newestCommon().name()).isEqualTo(newestCommon);
        assertThat(r.commonCount()).isEqualTo(common);
        assertThat(r.backlogSnapshots()).isEqualTo(backlogCount);
        assertThat(r.backlogBytes()).isEqualTo(backlogBytes);
        assertThat(r.evidence()).isNotBlank();
    }

    @Test
    void guidMismatchEvidenceNamesBothGuids() {
        ChainResult r = ChainAnalysis.analyze(snaps("a:1:10,b:2:20"), snaps("a:101:10,b:102:20"));
        assertThat(r.evidence()).contains("b").contains("102").contains("2").contains("no common snapshot");
    }

    @Test
    void absentTargetIsUnknownWithTheWholeSourceAsBacklog() {
        ChainResult r = ChainAnalysis.analyze(snaps("a:1:10:5,b:2:20:7"), true, List.of(), false);
        assertThat(r.state()).isEqualTo(ChainState.UNKNOWN);
        assertThat(r.backlogSnapshots()).isEqualTo(2);
        assertThat(r.backlogBytes()).isEqualTo(12);
        assertThat(r.evidence()).contains("full send");
    }

    @Test
    void absentSourceIsUnknown() {
        assertThat(ChainAnalysis.analyze(List.of(), false, snaps("a:1:10"), true).state()).isEqualTo(ChainState.UNKNOWN);
    }

    @Test
    void backlogBytesAreMarkedIncompleteWhenASnapshotDoesNotReportUsed() {
        ChainResult r = ChainAnalysis.analyze(snaps("a:1:10:5,b:2:20,c:3:30:4"), snaps("a:1:10"));
        assertThat(r.backlogSnapshots()).isEqualTo(2);
        assertThat(r.backlogBytes()).isEqualTo(4);
        assertThat(r.backlogBytesComplete()).isFalse();
    }

    @Test
    void orderIsByTransactionGroupWhenCreationTimesTie() {
        List<Snap> source = List.of(new Snap("b", "2", 10_000, 200L, 1L, null), new Snap("a", "1", 10_000, 100L, 1L, null));
        List<Snap> target = List.of(new Snap("a", "1", 10_000, 100L, null, null), new Snap("b", "2", 10_000, 200L, null, null));
        ChainResult r = ChainAnalysis.analyze(source, target);
        assertThat(r.state()).isEqualTo(ChainState.OK);
        assertThat(r.newestCommon().name()).isEqualTo("b");
    }

    @Test
    void worstOfTwoStates() {
        assertThat(ChainState.OK.worst(ChainState.AT_RISK)).isEqualTo(ChainState.AT_RISK);
        assertThat(ChainState.BROKEN.worst(ChainState.AT_RISK)).isEqualTo(ChainState.BROKEN);
        assertThat(ChainState.OK.worst(ChainState.UNKNOWN)).isEqualTo(ChainState.UNKNOWN);
        assertThat(ChainState.UNKNOWN.worst(ChainState.AT_RISK)).isEqualTo(ChainState.AT_RISK);
    }
}
