package io.zsentinel.executor.preflight;

import io.zsentinel.executor.config.JobConfig;
import io.zsentinel.executor.zfs.DatasetInventory;
import io.zsentinel.executor.zfs.ZfsOutput.PoolLine;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/**
 * What {@link PreflightProbe} found on a job's two nodes, for {@link PreflightJudge}: nothing
 * here is judged yet.
 *
 * @param unreachable per node that could not be reached, why (absent: reached, host key as pinned)
 * @param hostKeyMismatch the nodes among {@code unreachable} whose host key is not the pinned one
 * @param pinnedKeys per node, the host key fingerprint the configuration pins
 * @param source per dataset, its inventory on the source (absent when the source was not reached)
 * @param target per dataset, its inventory on the target (absent when the target was not reached)
 * @param targetPools per pool name, the target's {@code zpool list} line
 * @param targetAvailable per pool name, what its datasets can still write ({@code zfs get available})
 * @param transfer the timed transfer of scratch data, or null when it could not run
 * @param transferFailure why the timed transfer failed, or null
 */
public record PreflightFacts(
        JobConfig job,
        Map<String, String> unreachable,
        java.util.Set<String> hostKeyMismatch,
        Map<String, String> pinnedKeys,
        Map<String, DatasetInventory> source,
        Map<String, DatasetInventory> target,
        Map<String, PoolLine> targetPools,
        Map<String, Long> targetAvailable,
        Measured transfer,
        String transferFailure,
        Instant now,
        ZoneId zone) {
    /** A timed transfer: bytes that went from the source's send into the target's receive, and how long it took. */
    public record Measured(long bytes, Duration took) {
        public double bytesPerSecond() {
            return bytes / Math.max(0.001, took.toNanos() / 1e9);
        }
    }
}
