package io.zsentinel.collector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanTest {
    @ParameterizedTest
    @CsvSource({"45, 45s", "60, 1m", "1260, 21m", "3600, 1h", "3900, 1h5m", "172800, 2d", "183600, 2d3h"})
    void durations(long seconds, String text) {
        assertThat(Human.duration(seconds)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"512, 512 B", "1536, 1.5 KiB", "1610612736, 1.5 GiB"})
    void sizes(long bytes, String text) {
        assertThat(Human.bytes(bytes)).isEqualTo(text);
    }
}
