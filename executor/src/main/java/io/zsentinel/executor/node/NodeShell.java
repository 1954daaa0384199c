package io.zsentinel.executor.node;

import io.zsentinel.remote.CommandResult;
import io.zsentinel.remote.RelayResult;
import io.zsentinel.remote.RemoteCommand;
import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * Runs commands on one node: the executor's view of remote's {@code RemoteRunner} bound to an
 * endpoint ({@link RemoteNodeShell}), small enough for a test to stand in for a node. Failures of
 * the SSH layer arrive typed ({@link NodeFailure#ssh}); a command's own exit status is a result.
 * Blocking: call from worker threads only, never the event loop.
 */
public interface NodeShell {
    String node();

    /** Opens (or checks) the connection without running anything. */
    void connect() throws NodeFailure;

    CommandResult exec(RemoteCommand command, Duration timeout) throws NodeFailure;

    /**
     * Streams {@code send}'s stdout on this node into {@code receive}'s stdin on {@code target}
     * (the receiver starts first, so the sender never writes into nothing) and waits for both.
     * {@code progress} runs on the copying thread after every buffer with the bytes so far; if it
     * throws, the copy stops, the sender is stopped and the receiver sees a short stream.
     */
    RelayResult relay(RemoteCommand send, NodeShell target, RemoteCommand receive, LongConsumer progress)
            throws NodeFailure;
}
