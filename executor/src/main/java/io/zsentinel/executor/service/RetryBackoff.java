package io.zsentinel.executor.service;

import java.time.Duration;

/** Delays between failed attempts: {@code initial}, doubling up to {@code max}. Pure. */
public record RetryBackoff(Duration initial, Duration max) {
    public RetryBackoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + ", " + max);
        }
    }

    /** The wait after the {@code failures}-th failure in a row (1-based). */
    public Duration after(int failures) {
        Duration delay = initial;
        for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
