package io.zsentinel.executor.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PacedCopyTest {
    @Test
    void copiesEveryByteAndCountsThem() throws Exception {
        byte[] data = new byte[3 * PacedCopy.BUFFER + 17];
        new Random(1).nextBytes(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Long> reports = new ArrayList<>();
        long n = PacedCopy.copy(new ByteArrayInputStream(data), out, 0, new AtomicBoolean(), 0, reports::add);
        assertThat(n).isEqualTo(data.length);
        assertThat(out.toByteArray()).isEqualTo(data);
        assertThat(reports).isNotEmpty().isSorted();
    }

    @Test
    void progressAtMostOncePerInterval() throws Exception {
        List<Long> reports = new ArrayList<>();
        PacedCopy.copy(new ByteArrayInputStream(new byte[10 * PacedCopy.BUFFER]), new ByteArrayOutputStream(), 0,
                new AtomicBoolean(), 60_000_000_000L, reports::add);
        assertThat(reports).isEmpty();
    }

    @Test
    void cancellationStopsTheCopy() {
        AtomicBoolean cancelled = new AtomicBoolean();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return len;
            }
        };
        assertThatThrownBy(() -> PacedCopy.copy(endless, new ByteArrayOutputStream(), 0, cancelled, 0,
                        bytes -> cancelled.set(bytes > 4 * PacedCopy.BUFFER)))
                .isInstanceOf(PacedCopy.CancelledException.class);
    }

    @ParameterizedTest(name = "{0} B/s after {1} B at {2} ns -> wait {3} ns")
    @CsvSource({"0,1000000,0,0", "1000000,1000000,0,1000000000", "1000000,1000000,400000000,600000000",
            "1000000,1000000,2000000000,0", "10000000,5000000,0,500000000"})
    void rateLimiterDelays(long rate, long bytes, long now, long expected) {
        assertThat(new RateLimiter(rate, 0).delayNanos(bytes, now)).isEqualTo(expected);
    }

    @Test
    void rateLimitHoldsOnARealCopy() throws Exception {
        long start = System.nanoTime();
        PacedCopy.copy(new ByteArrayInputStream(new byte[4 * PacedCopy.BUFFER]), new ByteArrayOutputStream(),
                4L * PacedCopy.BUFFER * 4, new AtomicBoolean(), Long.MAX_VALUE, b -> {});
        // 1 MiB at 4 MiB/s: at least ~250 ms
        assertThat(System.nanoTime() - start).isGreaterThan(200_000_000L);
    }

    @Test
    void estimates() {
        assertThat(SendEstimate.parse("full\trpool/x@a\t123\nsize\t209715200\n")).hasValue(209715200L);
        assertThat(SendEstimate.parse("send from @a to rpool/x@b estimated size is 1.50M\ntotal estimated size is 1.50M\n"))
                .hasValue(1572864L);
        assertThat(SendEstimate.parse("invalid option 'n'")).isEmpty();
    }
}
