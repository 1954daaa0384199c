package io.zsentinel.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link InstantText} gives {@link Instant#toString}'s text for every instant, fast path or not. */
class InstantTextTest {
    @Test
    void writesWhatInstantToStringWrites() {
        List<Instant> edges = List.of(Instant.EPOCH, Instant.MIN, Instant.MAX, Instant.ofEpochSecond(-1),
                Instant.ofEpochSecond(-1, 1), Instant.ofEpochSecond(-1, 999_999_999), Instant.ofEpochSecond(0, 1),
                Instant.ofEpochSecond(0, 1_000), Instant.ofEpochSecond(0, 1_000_000), Instant.ofEpochSecond(0, 100_000_000),
                Instant.ofEpochSecond(0, 10_000_000), Instant.ofEpochSecond(0, 123_456_000),
                Instant.parse("2024-02-29T23:59:59.999Z"), Instant.parse("2025-11-26T07:00:22.513Z"),
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("0000-01-01T00:00:00Z").minusNanos(1),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("1900-02-28T12:00:00.000000010Z"), Instant.parse("2000-12-31T00:00:00.5Z"));
        for (Instant instant : edges) {
            assertThat(InstantText.of(instant)).isEqualTo(instant.toString());
        }
        Random random = new Random(20251126);
        for (int i = 0; i < 200_000; i++) {
            long second = random.nextLong(-62_167_219_200L - 100_000, 253_402_300_800L + 100_000);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(second, nano);
            assertThat(InstantText.of(instant)).isEqualTo(instant.toString());
        }
    }
}
