package io.zsentinel.alerting.notify;

import java.time.Duration;

/** The result of one delivery attempt, as a notifier reports it (it never throws). */
public sealed interface Attempt {
    /** HTTP status, or 0 when there is none (Zabbix, connection failures). */
    int statusCode();

    record Delivered(int statusCode, String detail) implements Attempt {}

    /** @param retryAfter what the receiver asked for (Retry-After), or null */
    record Failed(FailureReason reason, int statusCode, Duration retryAfter, String detail) implements Attempt {
        public boolean retryable() {
            return reason.retryable();
        }
    }
}
