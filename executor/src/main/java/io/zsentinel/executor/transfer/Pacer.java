package io.zsentinel.executor.transfer;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * What runs on the relay's copying thread after every buffer: the rate cap (it pauses the copy,
 * so the sender is held back by the SSH window), cancellation between buffers and during a
 * pause, then the caller's progress. Throwing {@link Cancelled} is how it stops the relay.
 */
public final class Pacer implements LongConsumer {
    /** The longest single pause, so that a cancellation is seen within it. */
    static final long SLICE_NANOS = 100_000_000L;

    /** Thrown on the copying thread when the transfer was cancelled. */
    public static final class Cancelled extends RuntimeException {
        Cancelled(long bytes) {
            super("transfer cancelled after " + bytes + " bytes");
        }
    }

    /** How the pacer waits: {@link Thread#sleep} in production, a clock that moves in tests. */
    public interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final RateLimiter limiter;
    private final AtomicBoolean cancelled;
    private final LongConsumer progress;
    private final LongSupplier nanos;
    private final Sleeper sleeper;
    private volatile boolean stopped;

    public Pacer(
            long bytesPerSecond, AtomicBoolean cancelled, LongConsumer progress, LongSupplier nanos, Sleeper sleeper) {
        this.limiter = new RateLimiter(bytesPerSecond, nanos.getAsLong());
        this.cancelled = cancelled;
        this.progress = progress;
        this.nanos = nanos;
        this.sleeper = sleeper;
    }

    public static Pacer onSystemClock(long bytesPerSecond, AtomicBoolean cancelled, LongConsumer progress) {
        return new Pacer(
                bytesPerSecond,
                cancelled,
                progress,
                System::nanoTime,
                n -> Thread.sleep(n / 1_000_000, (int) (n % 1_000_000)));
    }

    @Override
    public void accept(long totalBytes) {
        checkCancelled(totalBytes);
        for (long delay = limiter.delayNanos(totalBytes, nanos.getAsLong());
                delay > 0;
                delay = limiter.delayNanos(totalBytes, nanos.getAsLong())) {
            try {
                sleeper.sleep(Math.min(delay, SLICE_NANOS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = true;
                throw new Cancelled(totalBytes);
            }
            checkCancelled(totalBytes);
        }
        progress.accept(totalBytes);
    }

    /** True once this pacer stopped the copy (cancelled, or interrupted in a pause). */
    public boolean stopped() {
        return stopped;
    }

    private void checkCancelled(long totalBytes) {
        if (cancelled.get()) {
            stopped = true;
            throw new Cancelled(totalBytes);
        }
    }
}
