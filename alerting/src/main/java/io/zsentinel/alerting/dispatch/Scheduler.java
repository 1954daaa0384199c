package io.zsentinel.alerting.dispatch;

import java.time.Duration;
import java.time.Instant;

/**
 * Time and the one thread the dispatcher's state lives on. Production runs it on a
 * single-thread executor with the service clock; tests use a manual one they advance, so
 * group_wait / group_interval / repeat_interval and retry backoff are tested without sleeping.
 */
public interface Scheduler {
    Instant now();

    /** Runs {@code task} on the scheduler's thread after {@code delay}. */
    Cancellable schedule(Duration delay, Runnable task);

    /** Runs {@code task} on the scheduler's thread as soon as possible. */
    void execute(Runnable task);

    interface Cancellable {
        void cancel();
    }
}
