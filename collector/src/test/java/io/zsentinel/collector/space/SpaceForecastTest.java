package io.zsentinel.collector.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.function.LongUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SpaceForecastTest {
    static final long GB = 1_000_000_000L;
    static final long SIZE = 1000 * GB;
    static final long DAY = 86_400_000L;
    static final long WINDOW = 7 * DAY;
    static final long STEP = 10 * 60_000L;
    static final double RATE_PER_DAY = 60 * GB;

    /** A pool filling at 60 GB/day from 600 GB free, optionally with a level shift and noise. */
    record Series(String name, long stepAtMs, long stepBytes, double noiseBytes) {
        long trueFree(long t) {
            return (long) (600 * GB - RATE_PER_DAY * t / DAY) + (stepAtMs >= 0 && t >= stepAtMs ? stepBytes : 0);
        }
    }

    static Stream<Arguments> series() {
        return Stream.of(
                Arguments.of(new Series("linear fill", -1, 0, 0)),
                Arguments.of(new Series("step down (a big write)", DAY / 2, -100 * GB, 0)),
                Arguments.of(new Series("step up (snapshots destroyed)", DAY, 150 * GB, 0)),
                Arguments.of(new Series("noise 5 GB", -1, 0, 5 * GB)),
                Arguments.of(new Series("step and noise", DAY, 80 * GB, 3 * GB)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("series")
    void timeToFullIsWithinTenPercentOnceAFifthOfTheWindowIsSeen(Series s) {
        Random random = new Random(42);
        UsageSeries series = UsageSeries.EMPTY;
        long end = (long) (0.2 * WINDOW) + STEP;
        for (long t = 0; t <= end; t += STEP) {
            long noisy = s.trueFree(t) + (long) (random.nextGaussian() * s.noiseBytes());
            series = series.add(t, noisy, WINDOW, 512);
        }
        long now = series.times[series.size() - 1];
        Forecast f = SpaceForecast.forecast(series.times, series.free, series.sinceMs, SIZE, now, WINDOW, 0.2, 6);
        double trueSecondsToFull = s.trueFree(now) / RATE_PER_DAY * 86_400;
        assertThat(f.secondsToFull()).as(s.name()).isNotNull();
        assertThat((double) f.secondsToFull())
                .as(s.name())
                .isCloseTo(trueSecondsToFull, within(0.10 * trueSecondsToFull));
        double trueSecondsTo80 = (s.trueFree(now) - 0.2 * SIZE) / RATE_PER_DAY * 86_400;
        assertThat((double) f.secondsTo80()).as(s.name()).isCloseTo(trueSecondsTo80, within(0.10 * trueSecondsTo80));
        assertThat(f.slopeBytesPerSecond()).isNegative();
    }

    @Test
    void aStepStartsANewSegment() {
        long[] times = new long[20];
        long[] free = new long[20];
        for (int i = 0; i < 20; i++) {
            times[i] = i * STEP;
            free[i] = 500 * GB - i * GB + (i >= 10 ? 100 * GB : 0);
        }
        assertThat(SpaceForecast.segments(times, free, SIZE)).containsExactly(0, 10);
    }

    @Test
    void noTrendBeforeAFifthOfTheWindow() {
        UsageSeries series = UsageSeries.EMPTY;
        for (long t = 0; t < 0.1 * WINDOW; t += STEP) {
            series = series.add(t, 600 * GB - t, WINDOW, 512);
        }
        Forecast f = SpaceForecast.forecast(
                series.times, series.free, series.sinceMs, SIZE, series.times[series.size() - 1], WINDOW, 0.2, 6);
        assertThat(f.slopeBytesPerSecond()).isNull();
        assertThat(f.secondsToFull()).isNull();
    }

    @Test
    void aPoolThatFreesSpaceIsNeverFull() {
        LongUnaryOperator freeAt = t -> 300 * GB + t;
        long[] times = new long[300];
        long[] free = new long[300];
        for (int i = 0; i < 300; i++) {
            times[i] = i * STEP;
            free[i] = freeAt.applyAsLong(times[i]);
        }
        Forecast f = SpaceForecast.forecast(times, free, 0, SIZE, times[299], WINDOW, 0.2, 6);
        assertThat(f.slopeBytesPerSecond()).isPositive();
        assertThat(f.secondsToFull()).isNull();
        assertThat(f.secondsTo80()).isNull();
    }

    @Test
    void levelsAlreadyReachedAreZeroEvenWithoutATrend() {
        Forecast f = SpaceForecast.forecast(new long[] {0}, new long[] {30 * GB}, 0, SIZE, 0, WINDOW, 0.2, 6);
        assertThat(f.secondsTo80()).isZero();
        assertThat(f.secondsTo95()).isZero();
        assertThat(f.secondsToFull()).isNull();
    }

    @Test
    void theSeriesKeepsOneSamplePerBucketAndForgetsWhatLeftTheWindow() {
        UsageSeries series = UsageSeries.EMPTY;
        long bucket = WINDOW / 4;
        series = series.add(0, 10, WINDOW, 4);
        series = series.add(bucket / 2, 9, WINDOW, 4);
        assertThat(series.size()).isEqualTo(1);
        assertThat(series.free[0]).isEqualTo(9);
        series = series.add(bucket, 8, WINDOW, 4);
        series = series.add(bucket - 5, 100, WINDOW, 4);
        assertThat(series.free).containsExactly(9, 8);
        series = series.add(WINDOW + bucket, 1, WINDOW, 4);
        assertThat(series.times).containsExactly(bucket, WINDOW + bucket);
    }

    @Test
    void medianOfEvenAndOddCounts() {
        assertThat(SpaceForecast.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(SpaceForecast.median(new double[] {4, 1, 2, 3})).isEqualTo(2.5);
    }
}
