package io.zsentinel.collector.space;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A robust trend of a pool's free bytes and the time until 80 %, 95 % and 100 % used. Theil-Sen
 * (the median of pairwise slopes) resists noise and outliers; level shifts (a big file written,
 * a snapshot destroyed) are found first and pairs never straddle one, so a step changes the
 * level the forecast starts from but not the rate. Pure. See design.md.
 */
public final class SpaceForecast {
    /** A shift is a jump this many robust standard deviations away from the typical change. */
    static final double STEP_SIGMAS = 8.0;
    /** ... and at least this fraction of the pool size, so that a noise-free series is not split by jitter. */
    static final double STEP_MIN_FRACTION = 0.005;

    private SpaceForecast() {}

    /**
     * @param times sample times in epoch millis, ascending
     * @param sinceMs when the history starts (the first sample may stand for a bucket that began earlier)
     * @param free free bytes at those times
     * @param size the pool's size in bytes
     * @param minCoverage fraction of {@code windowMs} the samples must span before a trend is given
     */
    public static Forecast forecast(
            long[] times,
            long[] free,
            long sinceMs,
            long size,
            long nowMs,
            long windowMs,
            double minCoverage,
            int minSamples) {
        int n = times.length;
        long coverageMs = n == 0 ? 0 : times[n - 1] - Math.min(sinceMs, times[0]);
        if (n == 0 || size <= 0) {
            return new Forecast(null, null, null, null, n, 0, coverageMs / 1000);
        }
        long currentFree = free[n - 1];
        if (n < Math.max(2, minSamples) || coverageMs < minCoverage * windowMs) {
            return new Forecast(
                    null,
                    reachedOrNull(currentFree, size, 0.80),
                    reachedOrNull(currentFree, size, 0.95),
                    reachedOrNull(currentFree, size, 1.0),
                    n,
                    0,
                    coverageMs / 1000);
        }
        int[] segmentStart = segments(times, free, size);
        double slopePerMs = pooledTheilSen(times, free, segmentStart);
        if (Double.isNaN(slopePerMs)) {
            return new Forecast(
                    null,
                    reachedOrNull(currentFree, size, 0.80),
                    reachedOrNull(currentFree, size, 0.95),
                    reachedOrNull(currentFree, size, 1.0),
                    n,
                    segmentStart.length,
                    coverageMs / 1000);
        }
        double levelNow = levelAt(times, free, segmentStart[segmentStart.length - 1], slopePerMs, nowMs);
        return new Forecast(
                slopePerMs * 1000.0,
                secondsTo(levelNow, slopePerMs, size, 0.80),
                secondsTo(levelNow, slopePerMs, size, 0.95),
                secondsTo(levelNow, slopePerMs, size, 1.0),
                n,
                segmentStart.length,
                coverageMs / 1000);
    }

    /** The indexes where segments start (always 0 first): a new one after every level shift. */
    static int[] segments(long[] times, long[] free, long size) {
        int n = times.length;
        if (n < 3) {
            return new int[] {0};
        }
        double[] rates = new double[n - 1];
        for (int i = 0; i < n - 1; i++) {
            rates[i] = (free[i + 1] - free[i]) / (double) Math.max(1, times[i + 1] - times[i]);
        }
        double typicalRate = median(rates.clone());
        double[] residuals = new double[n - 1];
        for (int i = 0; i < n - 1; i++) {
            residuals[i] = (free[i + 1] - free[i]) - typicalRate * (times[i + 1] - times[i]);
        }
        double[] deviations = new double[n - 1];
        double center = median(residuals.clone());
        for (int i = 0; i < n - 1; i++) {
            deviations[i] = Math.abs(residuals[i] - center);
        }
        double robustSigma = 1.4826 * median(deviations);
        double threshold = Math.max(STEP_SIGMAS * robustSigma, STEP_MIN_FRACTION * size);
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < n - 1; i++) {
            if (Math.abs(residuals[i] - center) > threshold) {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Median of the slopes of all pairs inside each segment, pooled over the segments; NaN when no pair. */
    static double pooledTheilSen(long[] times, long[] free, int[] segmentStart) {
        int n = times.length;
        int pairs = 0;
        for (int s = 0; s < segmentStart.length; s++) {
            int len = (s + 1 < segmentStart.length ? segmentStart[s + 1] : n) - segmentStart[s];
            pairs += len * (len - 1) / 2;
        }
        double[] slopes = new double[pairs];
        int k = 0;
        for (int s = 0; s < segmentStart.length; s++) {
            int from = segmentStart[s];
            int to = s + 1 < segmentStart.length ? segmentStart[s + 1] : n;
            for (int i = from; i < to; i++) {
                for (int j = i + 1; j < to; j++) {
                    long dt = times[j] - times[i];
                    if (dt > 0) {
                        slopes[k++] = (free[j] - free[i]) / (double) dt;
                    }
                }
            }
        }
        return k == 0 ? Double.NaN : median(Arrays.copyOf(slopes, k));
    }

    /** The level at {@code nowMs}: the median of the last segment's samples carried along the slope. */
    private static double levelAt(long[] times, long[] free, int from, double slopePerMs, long nowMs) {
        double[] projected = new double[times.length - from];
        for (int i = from; i < times.length; i++) {
            projected[i - from] = free[i] + slopePerMs * (nowMs - times[i]);
        }
        return median(projected);
    }

    private static Long secondsTo(double levelNow, double slopePerMs, long size, double usedFraction) {
        double freeAtLevel = size * (1.0 - usedFraction);
        if (levelNow <= freeAtLevel) {
            return 0L;
        }
        if (slopePerMs >= 0) {
            return null;
        }
        return Math.round((freeAtLevel - levelNow) / slopePerMs / 1000.0);
    }

    private static Long reachedOrNull(long currentFree, long size, double usedFraction) {
        return currentFree <= size * (1.0 - usedFraction) ? 0L : null;
    }

    static double median(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
    }
}
