package io.zsentinel.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.events.state.JobStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTableTest {
    private static final Instant NOW = Instant.parse("2026-11-26T07:30:00Z");

    private static JobStatus job(
            String key, Instant lastSync, Instant nextRun, String state, String chain, long target) {
        return new JobStatus(
                key,
                "pve1",
                "pve2",
                "exec-1",
                true,
                "*/1",
                lastSync,
                null,
                lastSync,
                nextRun,
                2500L,
                state.equals("OK") ? 0 : 3,
                null,
                null,
                state,
                null,
                target,
                chain,
                0,
                0L,
                null,
                NOW);
    }

    @Test
    void printsPvesrColumnsPlusEffectiveRpoAndChain() {
        String table = StatusTable.render(
                List.of(
                        job(
                                "lab/101-0",
                                NOW.minusSeconds(1260),
                                NOW.minusSeconds(60),
                                "cannot receive incremental stream",
                                "BROKEN",
                                360),
                        job("lab/100-0", NOW.minusSeconds(45), NOW.plusSeconds(15), "OK", "OK", 360)),
                NOW,
                ZoneOffset.UTC);

        List<String> lines = table.lines().toList();
        assertThat(lines.get(0))
                .startsWith("JobID")
                .contains(
                        "Enabled",
                        "Target",
                        "LastSync",
                        "NextSync",
                        "Duration",
                        "FailCount",
                        "State",
                        "RPO",
                        "RPOTarget",
                        "Chain");
        assertThat(lines.get(1))
                .startsWith("lab/100-0")
                .contains("Yes", "pve2", "2026-11-26_07:29:15", "2026-11-26_07:30:15", "2.5", "OK", "45s", "6m");
        // the stale job sorts after, shows "pending" for an overdue next run and flags the breach
        assertThat(lines.get(2))
                .startsWith("lab/101-0")
                .contains("pending", "21m !", "BROKEN", "cannot receive incremental stream");
    }

    @Test
    void eachJobShowsTheFindingsThatFireForIt() {
        String table = StatusTable.render(
                List.of(
                        job("lab/100-0", NOW.minusSeconds(45), NOW.plusSeconds(15), "OK", "OK", 360),
                        job("lab/101-0", NOW.minusSeconds(45), NOW.plusSeconds(15), "OK", "OK", 360)),
                java.util.Map.of("lab/100-0", List.of("drill.overdue", "drill.failed")),
                NOW,
                ZoneOffset.UTC);
        List<String> lines = table.lines().toList();
        assertThat(lines.get(0)).endsWith("Findings");
        assertThat(lines.get(1)).endsWith("drill.failed,drill.overdue");
        assertThat(lines.get(2)).endsWith("-");
    }

    @Test
    void effectiveRpoGrowsWithTheClockAndIsUnknownWithoutASync() {
        JobStatus j = job("lab/100-0", NOW.minusSeconds(100), null, "OK", "OK", 360);
        assertThat(StatusTable.effectiveRpoSeconds(j, NOW)).isEqualTo(100);
        assertThat(StatusTable.effectiveRpoSeconds(j, NOW.plusSeconds(50))).isEqualTo(150);
        assertThat(StatusTable.effectiveRpoSeconds(job("lab/1000-1", null, null, "OK", "UNKNOWN", 360), NOW))
                .isNull();
    }

    @Test
    void humanDurations() {
        assertThat(StatusTable.human(59)).isEqualTo("59s");
        assertThat(StatusTable.human(360)).isEqualTo("6m");
        assertThat(StatusTable.human(7260)).isEqualTo("2h1m");
        assertThat(StatusTable.human(3 * 86_400 + 3600)).isEqualTo("3d1h");
    }
}
