package io.zsentinel.executor.scheduling;

import java.time.Instant;

/**
 * What the scheduler remembers of a job, as pvesr's state file does: {@code lastTry} (start of
 * the last attempt, null if never tried), {@code lastSync} (start of the last successful run),
 * {@code failCount} (reset to 0 on success) and whether a run is in progress.
 */
public record JobRunState(Instant lastTry, Instant lastSync, int failCount, boolean running) {
    public static final JobRunState NEW = new JobRunState(null, null, 0, false);

    public JobRunState started(Instant at) {
        return new JobRunState(at, lastSync, failCount, true);
    }

    public JobRunState succeeded(Instant startedAt) {
        return new JobRunState(lastTry, startedAt, 0, false);
    }

    public JobRunState failed() {
        return new JobRunState(lastTry, lastSync, failCount + 1, false);
    }
}
