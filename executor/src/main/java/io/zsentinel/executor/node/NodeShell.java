package io.zsentinel.executor.node;

import java.time.Duration;

/** Runs commands on one node. Blocking: call from worker threads only, never the event loop. */
public interface NodeShell {
    String node();

    /** Opens (or checks) the connection without running anything. */
    void connect() throws RemoteException;

    CommandResult exec(Command command, Duration timeout) throws RemoteException;

    Streaming start(Command command) throws RemoteException;
}
