package io.zsentinel.executor.transfer;

import io.zsentinel.events.data.ErrorClass;
import io.zsentinel.executor.node.NodeFailure;
import io.zsentinel.executor.node.NodeShell;
import io.zsentinel.remote.CommandResult;
import io.zsentinel.remote.RelayResult;
import io.zsentinel.remote.RemoteCommand;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * One relayed transfer: the source's send stdout into the target's receive stdin over two SSH
 * connections, through remote's relay, paced by a {@link Pacer}. The outcome is typed here: the
 * receiver's error explains most failures (a stream it refused also breaks the sender's pipe), so
 * it is looked at first.
 */
public final class Transfer {
    private Transfer() {}

    /**
     * @param progress called with the bytes so far after every buffer, from the copying thread; pacing
     *     the reports is the caller's ({@code run.ReportedTransfer}), with a clock a test can drive
     * @return the bytes that went across
     */
    public static long relay(
            NodeShell source,
            RemoteCommand send,
            NodeShell target,
            RemoteCommand receive,
            long bytesPerSecond,
            AtomicBoolean cancelled,
            LongConsumer progress)
            throws NodeFailure {
        Pacer pacer = Pacer.onSystemClock(bytesPerSecond, cancelled, progress);
        RelayResult r = source.relay(send, target, receive, pacer);
        if (pacer.stopped()) {
            throw new NodeFailure(
                    source.node(), "transfer cancelled after " + r.bytes() + " bytes", ErrorClass.UNKNOWN, null);
        }
        return outcome(source.node(), send, target.node(), receive, r);
    }

    /** The bytes of a relay that succeeded, or its failure, typed from what each side said. */
    static long outcome(String source, RemoteCommand send, String target, RemoteCommand receive, RelayResult r)
            throws NodeFailure {
        if (saidWhy(r.sink())) {
            throw NodeFailure.exited(target, "`" + receive + "`", r.sink());
        }
        if (saidWhy(r.source())) {
            throw NodeFailure.exited(source, "`" + send + "`", r.source());
        }
        if (!r.ok()) {
            // neither side wrote a word: a channel closed under it (exit -1: no status at all)
            throw new NodeFailure(
                    target,
                    "relay " + source + " -> " + target + ": send " + r.source().describeFailure() + ", receive "
                            + r.sink().describeFailure() + ", neither said why",
                    ErrorClass.SSH_UNREACHABLE,
                    null);
        }
        return r.bytes();
    }

    private static boolean saidWhy(CommandResult side) {
        return !side.ok() && side.stderr() != null && !side.stderr().isBlank();
    }
}
