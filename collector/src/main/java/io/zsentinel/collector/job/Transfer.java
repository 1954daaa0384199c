package io.zsentinel.collector.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A transfer in progress; {@code lastProgressMs} moves only when {@code bytesDone} grows. Immutable:
 * progress makes a new one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class Transfer {
    public final String runId;
    public final String dataset;
    public final long startedMs;
    public final long bytesDone;
    public final Long estimatedBytes;
    public final long bytesPerSecond;
    public final long lastProgressMs;
    /**
     * The {@code lastProgressMs} that the job's stored state (its changelog) holds, 0 when unknown.
     * Not stored itself: a restart reads the stored state back, so it starts at 0.
     */
    @JsonIgnore
    public final long loggedProgressMs;

    @JsonCreator
    public Transfer(
            @JsonProperty("runId") String runId,
            @JsonProperty("dataset") String dataset,
            @JsonProperty("startedMs") long startedMs,
            @JsonProperty("bytesDone") long bytesDone,
            @JsonProperty("estimatedBytes") Long estimatedBytes,
            @JsonProperty("bytesPerSecond") long bytesPerSecond,
            @JsonProperty("lastProgressMs") long lastProgressMs) {
        this(runId, dataset, startedMs, bytesDone, estimatedBytes, bytesPerSecond, lastProgressMs, 0);
    }

    private Transfer(
            String runId,
            String dataset,
            long startedMs,
            long bytesDone,
            Long estimatedBytes,
            long bytesPerSecond,
            long lastProgressMs,
            long loggedProgressMs) {
        this.runId = runId;
        this.dataset = dataset;
        this.startedMs = startedMs;
        this.bytesDone = bytesDone;
        this.estimatedBytes = estimatedBytes;
        this.bytesPerSecond = bytesPerSecond;
        this.lastProgressMs = lastProgressMs;
        this.loggedProgressMs = loggedProgressMs;
    }

    /** A transfer that started at {@code t}, nothing done yet. */
    public static Transfer started(String runId, String dataset, long t, Long estimatedBytes) {
        return new Transfer(runId, dataset, t, 0, estimatedBytes, 0, t);
    }

    /**
     * This transfer after a progress report at {@code t}: bytes done never go back (reports may cross),
     * an unknown estimate keeps the one known. What the stored state holds stays as it was.
     */
    public Transfer progressed(long done, Long estimate, long rate, long t) {
        return new Transfer(
                runId,
                dataset,
                startedMs,
                Math.max(bytesDone, done),
                estimate != null ? estimate : estimatedBytes,
                rate,
                done > bytesDone ? Math.max(lastProgressMs, t) : lastProgressMs,
                loggedProgressMs);
    }

    /** This transfer as the stored state holds it once it is written: this one when it is already. */
    public Transfer logged() {
        return loggedProgressMs == lastProgressMs
                ? this
                : new Transfer(
                        runId,
                        dataset,
                        startedMs,
                        bytesDone,
                        estimatedBytes,
                        bytesPerSecond,
                        lastProgressMs,
                        lastProgressMs);
    }

    /**
     * True when progress since the stored state is worth writing: it moved {@code lagMs} or more
     * beyond it. Less than that is kept in memory only; what the stored state lags by is then less
     * than {@code lagMs} of progress time, which a restart shows as a transfer that progressed
     * that much earlier (a stall threshold is minutes).
     */
    public boolean progressToLog(long lagMs) {
        return lastProgressMs - loggedProgressMs >= lagMs;
    }
}
