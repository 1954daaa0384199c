package io.zsentinel.alerting.notify;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter, floored by the receiver's Retry-After. Pure: the random
 * source is passed in, so tests pin it.
 *
 * @param initial delay before the 2nd attempt (before jitter)
 * @param max cap of the exponential part; a longer Retry-After is honoured up to {@code maxRetryAfter}
 */
public record Backoff(Duration initial, Duration max, Duration maxRetryAfter) {

    /**
     * The delay before attempt {@code attempt + 1} after attempt {@code attempt} (1-based) failed.
     * Returns null when the receiver asks for a wait longer than we are willing to hold a
     * notification (give up instead).
     */
    public Duration delayAfter(int attempt, Duration retryAfter, DoubleSupplier random) {
        long base = initial.toMillis();
        long capped = max.toMillis();
        long exp = base;
        for (int i = 1; i < attempt && exp < capped; i++) {
            exp = Math.min(capped, exp * 2);
        }
        exp = Math.min(exp, capped);
        // "equal jitter": half fixed, half random, so retries neither align nor collapse to 0
        long jittered = exp / 2 + (long) (random.getAsDouble() * (exp - exp / 2));
        if (retryAfter != null) {
            if (retryAfter.compareTo(maxRetryAfter) > 0) {
                return null;
            }
            return Duration.ofMillis(Math.max(jittered, retryAfter.toMillis()));
        }
        return Duration.ofMillis(jittered);
    }
}
