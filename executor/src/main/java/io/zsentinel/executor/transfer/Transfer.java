package io.zsentinel.executor.transfer;

import io.zsentinel.executor.node.Command;
import io.zsentinel.executor.node.CommandResult;
import io.zsentinel.executor.node.NodeShell;
import io.zsentinel.executor.node.RemoteException;
import io.zsentinel.executor.node.Streaming;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * One relayed transfer: the source's send stdout into the target's receive stdin over two SSH
 * connections. The receiver starts first so the sender never writes into nothing. When either
 * side fails, the other is stopped; the receiver's error explains most failures (a stream it
 * refused), so it is reported first.
 */
public final class Transfer {
    private static final long WAIT_MS = 10 * 60_000L;

    private Transfer() {}

    /**
     * @param progress called with the bytes so far after every buffer, from the copying thread; pacing
     *     the reports is the caller's ({@code run.ReportedTransfer}), with a clock a test can drive
     */
    public static long relay(NodeShell source, Command send, NodeShell target, Command receive, long bytesPerSecond,
            AtomicBoolean cancelled, LongConsumer progress) throws RemoteException {
        Streaming receiver = target.start(receive);
        Streaming sender;
        try {
            sender = source.start(send);
        } catch (RemoteException e) {
            receiver.close();
            throw e;
        }
        long bytes = 0;
        IOException copyError = null;
        try {
            OutputStream in = receiver.stdin();
            bytes = PacedCopy.copy(sender.stdout(), in, bytesPerSecond, cancelled, 0, progress);
            in.close(); // EOF: the receive completes
        } catch (IOException e) {
            copyError = e;
            sender.close();
        }
        CommandResult received = awaitQuietly(receiver, copyError != null);
        CommandResult sent = awaitQuietly(sender, copyError != null);
        receiver.close();
        sender.close();
        if (copyError instanceof PacedCopy.CancelledException) {
            throw new RemoteException(source.node(), copyError.getMessage(), io.zsentinel.events.data.ErrorClass.UNKNOWN);
        }
        if (received.exitStatus() != 0 && !received.stderr().isBlank()) {
            throw new RemoteException(target.node(), "`" + receive + "` on " + target.node() + ": " + received.stderr(),
                    (Throwable) null);
        }
        if (sent.exitStatus() != 0 && !sent.stderr().isBlank()) {
            throw new RemoteException(source.node(), "`" + send + "` on " + source.node() + ": " + sent.stderr(),
                    (Throwable) null);
        }
        if (copyError != null) {
            throw new RemoteException(target.node(), "relay " + source.node() + " -> " + target.node() + ": "
                    + copyError + " (Broken pipe)", copyError);
        }
        if (received.exitStatus() != 0 || sent.exitStatus() != 0) {
            throw new RemoteException(target.node(), "relay " + source.node() + " -> " + target.node()
                    + ": send exit " + sent.exitStatus() + ", receive exit " + received.exitStatus()
                    + " (connection closed by peer?)", (Throwable) null);
        }
        return bytes;
    }

    private static CommandResult awaitQuietly(Streaming s, boolean failing) {
        try {
            return s.await(failing ? 30_000 : WAIT_MS);
        } catch (RemoteException e) {
            return new CommandResult(-1, "", e.getMessage());
        }
    }
}
