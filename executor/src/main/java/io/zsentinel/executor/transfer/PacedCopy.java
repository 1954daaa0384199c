package io.zsentinel.executor.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * Copies one stream into another (the source's {@code zfs send} stdout into the target's
 * {@code zfs receive} stdin) counting bytes, with a rate cap, progress reports at most once
 * per {@code progressIntervalNanos}, and cancellation between buffers.
 */
public final class PacedCopy {
    public static final int BUFFER = 256 * 1024;

    /** Thrown when the copy stopped because it was cancelled. */
    public static final class CancelledException extends IOException {
        public CancelledException(long bytes) {
            super("transfer cancelled after " + bytes + " bytes");
        }
    }

    private PacedCopy() {}

    /**
     * @param progress called with the bytes so far, from the copying thread
     * @return the bytes copied
     */
    public static long copy(InputStream from, OutputStream to, long bytesPerSecond, AtomicBoolean cancelled,
            long progressIntervalNanos, LongConsumer progress) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long start = System.nanoTime();
        RateLimiter limiter = new RateLimiter(bytesPerSecond, start);
        long lastReport = start;
        long total = 0;
        int n;
        while ((n = from.read(buffer)) >= 0) {
            if (cancelled.get()) {
                throw new CancelledException(total);
            }
            if (n == 0) {
                continue;
            }
            to.write(buffer, 0, n);
            total += n;
            long now = System.nanoTime();
            long delay = limiter.delayNanos(total, now);
            if (delay > 0) {
                sleep(delay, cancelled, total);
                now = System.nanoTime();
            }
            if (now - lastReport >= progressIntervalNanos) {
                lastReport = now;
                progress.accept(total);
            }
        }
        to.flush();
        return total;
    }

    private static void sleep(long nanos, AtomicBoolean cancelled, long total) throws IOException {
        long end = System.nanoTime() + nanos;
        try {
            while (System.nanoTime() < end) {
                if (cancelled.get()) {
                    throw new CancelledException(total);
                }
                long left = end - System.nanoTime();
                Thread.sleep(Math.max(0, Math.min(100, left / 1_000_000)), (int) Math.max(0, Math.min(999_999, left % 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException(total);
        }
    }
}
