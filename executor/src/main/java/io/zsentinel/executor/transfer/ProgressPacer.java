package io.zsentinel.executor.transfer;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Lets a transfer's progress through at most once per interval and measures the rate since the
 * last report that went through. The ticker is monotonic nanoseconds ({@code System::nanoTime} in
 * production): wall-clock steps must not bunch or drop reports. Not thread-safe: one copier.
 */
public final class ProgressPacer {
    private final long intervalNanos;
    private final LongSupplier ticker;
    private long lastNanos;
    private long lastBytes;

    /** The first report is due one interval after this construction (the transfer's start). */
    public ProgressPacer(Duration interval, LongSupplier ticker) {
        this.intervalNanos = interval.toNanos();
        this.ticker = ticker;
        this.lastNanos = ticker.getAsLong();
    }

    /**
     * @param bytesDone the bytes moved so far
     * @return the rate in bytes per second since the last report when a report is due now, else empty
     */
    public OptionalLong offer(long bytesDone) {
        long now = ticker.getAsLong();
        long elapsed = now - lastNanos;
        if (elapsed < intervalNanos) {
            return OptionalLong.empty();
        }
        long rate = (long) ((bytesDone - lastBytes) * 1e9 / Math.max(1, elapsed));
        lastNanos = now;
        lastBytes = bytesDone;
        return OptionalLong.of(Math.max(0, rate));
    }
}
