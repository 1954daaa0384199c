package io.zsentinel.events.state;

import java.time.Instant;

/**
 * The latest status of one pool (key {@code <cluster>/<node>/<pool>} in {@code zsentinel.state}
 * and {@code GET /api/v1/pools}): the last usage sample and the forecast from the trend of free
 * bytes. {@code freeSlopeBytesPerSecond} is negative while the pool fills; the
 * {@code secondsTo*} fields are null when the trend does not reach that level (or too few
 * samples were seen).
 */
public record PoolStatus(
        String pool,
        String cluster,
        String node,
        String name,
        long size,
        long allocated,
        long free,
        String health,
        Double freeSlopeBytesPerSecond,
        Long secondsTo80,
        Long secondsTo95,
        Long secondsToFull,
        int samples,
        Instant updatedAt) {}
