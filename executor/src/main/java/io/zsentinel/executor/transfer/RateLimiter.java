package io.zsentinel.executor.transfer;

/**
 * Caps a byte stream at {@code bytesPerSecond} (0 = unlimited) by pausing the copier: after n
 * bytes, the copy may not be ahead of {@code start + n / rate}. No burst beyond one buffer.
 */
public final class RateLimiter {
    private final long bytesPerSecond;
    private final long startNanos;

    public RateLimiter(long bytesPerSecond, long startNanos) {
        this.bytesPerSecond = bytesPerSecond;
        this.startNanos = startNanos;
    }

    /** Nanoseconds to wait before going on, having moved {@code totalBytes}, now being {@code nowNanos}. */
    public long delayNanos(long totalBytes, long nowNanos) {
        if (bytesPerSecond <= 0) {
            return 0;
        }
        long due = startNanos + (long) (totalBytes * 1e9 / bytesPerSecond);
        return Math.max(0, due - nowNanos);
    }
}
