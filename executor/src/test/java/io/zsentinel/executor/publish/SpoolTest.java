package io.zsentinel.executor.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void deliversInOrderAndSurvivesReopen() {
        try (Spool spool = new Spool(dir, 1 << 20)) {
            for (int i = 0; i < 10; i++) {
                assertThat(spool.append("t", i % 2 == 0 ? "k" + i : null, b("v" + i)))
                        .isTrue();
            }
            List<Spool.Entry> first = spool.peek(4);
            assertThat(first)
                    .extracting(e -> new String(e.value(), StandardCharsets.UTF_8))
                    .containsExactly("v0", "v1", "v2", "v3");
            assertThat(first.get(1).key()).isNull();
            assertThat(first.get(0).key()).isEqualTo("k0");
            spool.commit(first.get(3));
        }
        try (Spool spool = new Spool(dir, 1 << 20)) {
            List<Spool.Entry> rest = spool.peek(100);
            assertThat(rest)
                    .extracting(e -> new String(e.value(), StandardCharsets.UTF_8))
                    .containsExactly("v4", "v5", "v6", "v7", "v8", "v9");
            spool.commit(rest.get(rest.size() - 1));
            assertThat(spool.pendingBytes()).isZero();
            assertThat(spool.peek(10)).isEmpty();
        }
    }

    @Test
    void aTornTailIsCutAtTheLastWholeRecord() throws Exception {
        try (Spool spool = new Spool(dir, 1 << 20)) {
            spool.append("t", "k", b("whole"));
        }
        Path segment;
        try (var files = Files.list(dir)) {
            segment = files.filter(f -> f.toString().endsWith(".spool"))
                    .findFirst()
                    .orElseThrow();
        }
        Files.write(segment, new byte[] {0, 0, 0, 50, 1, 2, 3}, StandardOpenOption.APPEND);
        try (Spool spool = new Spool(dir, 1 << 20)) {
            assertThat(spool.peek(10))
                    .extracting(e -> new String(e.value(), StandardCharsets.UTF_8))
                    .containsExactly("whole");
            spool.append("t", "k", b("after"));
            assertThat(spool.peek(10)).hasSize(2);
        }
    }

    @Test
    void isBounded() {
        try (Spool spool = new Spool(dir, 200)) {
            int accepted = 0;
            for (int i = 0; i < 20; i++) {
                if (spool.append("topic", "key", new byte[30])) {
                    accepted++;
                }
            }
            assertThat(accepted).isBetween(1, 4);
            assertThat(spool.pendingBytes()).isLessThanOrEqualTo(200);
            List<Spool.Entry> all = spool.peek(100);
            spool.commit(all.get(all.size() - 1));
            assertThat(spool.append("topic", "key", new byte[30])).isTrue();
        }
    }
}
