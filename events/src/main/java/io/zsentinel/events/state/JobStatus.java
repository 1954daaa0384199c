package io.zsentinel.events.state;

import java.time.Instant;

/**
 * The latest status of one job, as the collector computes it: the value of the compacted
 * {@code zsentinel.state} topic under the job key, and of {@code GET /api/v1/jobs}. Plain JSON
 * (not a CloudEvent): it is a snapshot, not a fact.
 *
 * <p>{@code effectiveRpoSeconds} is measured at {@code updatedAt}; readers that need it later
 * compute {@code now - lastSync}. {@code chain} is {@code OK}, {@code AT_RISK}, {@code BROKEN}
 * or {@code UNKNOWN}; {@code state} is {@code OK}, {@code SYNCING} or the last error text, as
 * {@code pvesr status} prints it. Nullable: what is not known yet.
 */
public record JobStatus(
        String job,
        String source,
        String target,
        String executor,
        Boolean enabled,
        String schedule,
        Instant lastSync,
        String lastSnapshot,
        Instant lastTry,
        Instant nextRun,
        Long durationMs,
        int failCount,
        String lastErrorClass,
        String lastError,
        String state,
        Long effectiveRpoSeconds,
        long rpoTargetSeconds,
        String chain,
        Integer backlogSnapshots,
        Long backlogBytes,
        Transfer transfer,
        Instant updatedAt) {

    /** This status with its RPO as measured at {@code updatedAt} (null, null: without what changes every tick). */
    public JobStatus measured(Long effectiveRpoSeconds, Instant updatedAt) {
        return new JobStatus(
                job,
                source,
                target,
                executor,
                enabled,
                schedule,
                lastSync,
                lastSnapshot,
                lastTry,
                nextRun,
                durationMs,
                failCount,
                lastErrorClass,
                lastError,
                state,
                effectiveRpoSeconds,
                rpoTargetSeconds,
                chain,
                backlogSnapshots,
                backlogBytes,
                transfer,
                updatedAt);
    }

    /** A transfer in progress. */
    public record Transfer(
            String runId,
            Instant startedAt,
            long bytesDone,
            Long estimatedBytes,
            long bytesPerSecond,
            Instant lastProgressAt) {}
}
