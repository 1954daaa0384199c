package io.zsentinel.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(5));

    @Test
    void doublesUpToTheCapWithJitterBetweenHalfAndFull() {
        assertThat(backoff.delayAfter(1, null, () -> 0.0)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.delayAfter(1, null, () -> 1.0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delayAfter(3, null, () -> 1.0)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.delayAfter(10, null, () -> 1.0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delayAfter(10, null, () -> 0.0)).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void honoursRetryAfterAsAFloor() {
        assertThat(backoff.delayAfter(1, Duration.ofSeconds(20), () -> 0.5)).isEqualTo(Duration.ofSeconds(20));
        assertThat(backoff.delayAfter(10, Duration.ofSeconds(2), () -> 1.0)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void givesUpWhenRetryAfterIsBeyondWhatWeHold() {
        assertThat(backoff.delayAfter(1, Duration.ofMinutes(6), () -> 0.5)).isNull();
    }

    @Test
    void classifiesHttpStatuses() {
        assertThat(FailureReason.ofHttpStatus(500)).isEqualTo(FailureReason.SERVER_ERROR);
        assertThat(FailureReason.ofHttpStatus(503).retryable()).isTrue();
        assertThat(FailureReason.ofHttpStatus(429)).isEqualTo(FailureReason.THROTTLED);
        assertThat(FailureReason.ofHttpStatus(410)).isEqualTo(FailureReason.GONE);
        assertThat(FailureReason.ofHttpStatus(410).retryable()).isFalse();
        assertThat(FailureReason.ofHttpStatus(400).retryable()).isFalse();
        assertThat(FailureReason.ofHttpStatus(302)).isEqualTo(FailureReason.REDIRECT);
    }
}
