package io.zsentinel.executor.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryBackoffTest {
    @ParameterizedTest(name = "failure {0} -> {1} s")
    @CsvSource({"1,1", "2,2", "3,4", "4,8", "5,16", "6,30", "7,30", "1000,30"})
    void doublesUpToTheCap(int failures, long seconds) {
        assertThat(CommandLoopVerticle.BACKOFF.after(failures)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void aCapBelowTheFirstDelayIsRefused() {
        assertThatThrownBy(() -> new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryBackoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
