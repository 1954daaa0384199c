package io.zsentinel.remote;

import java.time.Duration;

/** What a {@link RemoteProcess} needs from its runner to stop itself; one per process. */
interface ProcessControl {
    /** Sends {@code signal} to the remote process group over a second channel; best effort. */
    void killGroup(long pgid, String signal);

    /** Closes the whole connection the process runs on: the last resort when a node stops answering. */
    void dropConnection();

    /** Runs {@code task} on a background thread. */
    void execute(Runnable task);

    /** Runs {@code task} after {@code delay} on the runner's timer. */
    void schedule(Runnable task, Duration delay);
}
