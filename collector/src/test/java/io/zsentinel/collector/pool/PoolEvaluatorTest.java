package io.zsentinel.collector.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.collector.Thresholds;
import io.zsentinel.collector.finding.Condition;
import io.zsentinel.events.data.PoolUsageData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PoolEvaluatorTest {
    @ParameterizedTest(name = "free {0} of 1000 -> {1}")
    @CsvSource({"500, ''", "201, ''", "200, warning", "51, warning", "50, critical", "0, critical"})
    void spaceLowFollowsTheUsedRatio(long free, String severity) {
        PoolState p = PoolEvaluator.apply(
                PoolState.NONE,
                "lab/pve2/rpool",
                new PoolUsageData("pve2", "rpool", 1000, 1000 - free, free, "ONLINE"),
                0,
                Thresholds.defaults());
        PoolEvaluation e = PoolEvaluator.evaluate(p, Thresholds.defaults(), 0);
        String actual = e.conditions().stream()
                .filter(c -> c.name().equals("space.low"))
                .map(Condition::severity)
                .findFirst()
                .orElse("");
        assertThat(actual).isEqualTo(severity);
        assertThat(e.status().free()).isEqualTo(free);
        assertThat(e.status().cluster()).isEqualTo("lab");
        assertThat(e.status().secondsToFull()).isEqualTo(free == 0 ? 0L : null);
    }

    @ParameterizedTest(name = "older sample at {0} is ignored")
    @CsvSource({"500", "999"})
    void samplesOlderThanTheLastAreIgnored(long olderMs) {
        PoolState p = PoolEvaluator.apply(
                PoolState.NONE,
                "lab/pve2/rpool",
                new PoolUsageData("pve2", "rpool", 1000, 100, 900, "ONLINE"),
                1000,
                Thresholds.defaults());
        PoolState after = PoolEvaluator.apply(
                p,
                "lab/pve2/rpool",
                new PoolUsageData("pve2", "rpool", 1000, 900, 100, "ONLINE"),
                olderMs,
                Thresholds.defaults());
        assertThat(after).as("unchanged").isSameAs(p);
        assertThat(after.free()).isEqualTo(900);
        assertThat(after.series().size()).isEqualTo(1);
    }
}
