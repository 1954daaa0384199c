package io.zsentinel.collector.job;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A transfer in progress; {@code lastProgressMs} moves only when {@code bytesDone} grows. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class Transfer {
    public String runId;
    public String dataset;
    public long startedMs;
    public long bytesDone;
    public Long estimatedBytes;
    public long bytesPerSecond;
    public long lastProgressMs;
    /**
     * The {@code lastProgressMs} that the job's stored state (its changelog) holds, 0 when unknown.
     * Not stored itself: a restart reads the stored state back, so it starts at 0.
     */
    @JsonIgnore
    public long loggedProgressMs;

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
