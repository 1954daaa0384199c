package io.zsentinel.collector.space;

/**
 * Where a pool's free space is heading. {@code slopeBytesPerSecond} is negative while the pool
 * fills, null when there is not enough history yet. A {@code secondsTo*} is 0 when the level is
 * already reached, null when the trend does not reach it (or there is no trend yet).
 *
 * @param segments how many level shifts split the history into separate segments, plus one
 * @param coverageSeconds how much time the samples span
 */
public record Forecast(
        Double slopeBytesPerSecond,
        Long secondsTo80,
        Long secondsTo95,
        Long secondsToFull,
        int samples,
        int segments,
        long coverageSeconds) {}
