package io.zsentinel.executor.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoresTest {
    @TempDir
    Path dir;

    @Test
    void processedCommandsSurviveARestartAndStayBounded() {
        ProcessedCommands a = new ProcessedCommands(dir.resolve("commands"), 3);
        assertThat(a.markProcessed("c1")).isTrue();
        assertThat(a.markProcessed("c1")).isFalse();
        assertThat(a.markProcessed("c2")).isTrue();
        ProcessedCommands b = new ProcessedCommands(dir.resolve("commands"), 3);
        assertThat(b.seen("c1")).isTrue();
        assertThat(b.seen("c2")).isTrue();
        assertThat(b.seen("c3")).isFalse();
        for (int i = 3; i < 20; i++) {
            assertThat(b.markProcessed("c" + i)).isTrue();
        }
        ProcessedCommands c = new ProcessedCommands(dir.resolve("commands"), 3);
        assertThat(c.seen("c19")).isTrue();
        assertThat(c.seen("c17")).isTrue();
        assertThat(c.seen("c1")).isFalse();
    }

    @Test
    void jobStateRoundTrips() {
        JobStateStore store = new JobStateStore(dir.resolve("sub/jobs.json"));
        assertThat(store.load()).isEmpty();
        var saved = new JobStateStore.Saved(
                Instant.parse("2026-11-26T10:00:00Z"),
                Instant.parse("2026-11-26T09:45:00Z"),
                2,
                "__replicate_101-0_1__",
                Instant.parse("2026-10-01T03:00:00Z"));
        store.save(Map.of("lab/101-0", saved));
        assertThat(new JobStateStore(dir.resolve("sub/jobs.json")).load()).containsEntry("lab/101-0", saved);
        assertThat(saved.runState().failCount()).isEqualTo(2);
        // a file written before drills has no drillSince
        store.save(Map.of("lab/102-0", new JobStateStore.Saved(null, null, 0, null)));
        assertThat(store.load().get("lab/102-0").drillSince()).isNull();
    }
}
