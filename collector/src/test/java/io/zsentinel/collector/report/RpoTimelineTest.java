package io.zsentinel.collector.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zsentinel.collector.report.RpoTimeline.Segment;
import io.zsentinel.collector.report.RpoTimeline.Sync;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sawtooth of the effective RPO and its exact figures (worked out by hand in seconds). */
class RpoTimelineTest {
    private static final long S = 1000;

    private static Sync sync(long observed, long syncPoint) {
        return new Sync(observed * S, syncPoint * S);
    }

    /** Syncs at 10, 40 and 70 s with data as of 5, 38 and 60 s; the period is [0, 100 s]. */
    private static final RpoTimeline THREE =
            RpoTimeline.of(List.of(sync(10, 5), sync(40, 38), sync(70, 60)), 0, 100 * S);

    @Test
    void eachSyncStartsATooth() {
        assertThat(THREE.segments())
                .containsExactly(
                        new Segment(10 * S, 40 * S, 5 * S),
                        new Segment(40 * S, 70 * S, 38 * S),
                        new Segment(70 * S, 100 * S, 60 * S));
        assertThat(THREE.coveredMs()).isEqualTo(90 * S);
        assertThat(THREE.uncoveredMs()).isEqualTo(10 * S);
    }

    @Test
    void maxTimeAboveTargetAndP95AreExact() {
        assertThat(THREE.maxMs()).isEqualTo(40 * S); // 100 - 60
        // above 30 s: 40-35 = 5 s, 70-68 = 2 s, 100-90 = 10 s
        assertThat(THREE.timeAboveMs(30 * S)).isEqualTo(17 * S);
        // 5 % of 90 s is 4.5 s: only the last tooth is above 35.5 s, for 100 - 95.5 = 4.5 s
        assertThat(THREE.percentileMs(95)).isEqualTo(35_500);
        assertThat(THREE.percentileMs(100)).isEqualTo(40 * S);
    }

    @Test
    void aSyncBeforeThePeriodGivesTheRpoAtItsStart() {
        RpoTimeline t = RpoTimeline.of(List.of(sync(-20, -30), sync(10, 5)), 0, 20 * S);
        assertThat(t.segments()).containsExactly(new Segment(0, 10 * S, -30 * S), new Segment(10 * S, 20 * S, 5 * S));
        assertThat(t.maxMs()).isEqualTo(40 * S);
        assertThat(t.uncoveredMs()).isZero();
    }

    @Test
    void syncsAfterThePeriodAndOlderDataAreIgnored() {
        RpoTimeline t = RpoTimeline.of(List.of(sync(10, 8), sync(20, 2), sync(200, 199)), 0, 30 * S);
        // the report at 20 s carries older data than the one at 10 s: the RPO keeps counting from 8 s
        assertThat(t.segments())
                .containsExactly(new Segment(10 * S, 20 * S, 8 * S), new Segment(20 * S, 30 * S, 8 * S));
        assertThat(t.maxMs()).isEqualTo(22 * S);
    }

    @Test
    void noSyncMeansNoRpo() {
        RpoTimeline t = RpoTimeline.of(List.of(), 0, 10 * S);
        assertThat(t.maxMs()).isNull();
        assertThat(t.percentileMs(95)).isNull();
        assertThat(t.uncoveredMs()).isEqualTo(10 * S);
        assertThatThrownBy(() -> RpoTimeline.of(List.of(), 10, 10)).hasMessageContaining("must end after it begins");
    }
}
