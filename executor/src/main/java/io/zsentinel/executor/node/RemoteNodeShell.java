package io.zsentinel.executor.node;

import io.zsentinel.events.data.ErrorClass;
import io.zsentinel.executor.config.NodeConfig;
import io.zsentinel.remote.CommandResult;
import io.zsentinel.remote.RelayResult;
import io.zsentinel.remote.RemoteCommand;
import io.zsentinel.remote.RemoteException;
import io.zsentinel.remote.RemoteProcess;
import io.zsentinel.remote.RemoteRunner;
import io.zsentinel.remote.SshEndpoint;
import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * {@link NodeShell} on the project's SSH layer ({@code io.zsentinel.remote}: one pooled sshj
 * connection per node, pinned host keys, quoted commands, process-group cancellation, the relay).
 */
public final class RemoteNodeShell implements NodeShell {
    private static final Duration PROBE = Duration.ofSeconds(30);
    /**
     * A relay has no deadline of its own: a first full send of a large disk takes days, and a
     * stalled one is the collector's finding (job.stalled), not a reason to cut it here.
     */
    private static final Duration RELAY_LIMIT = Duration.ofDays(30);

    private final RemoteRunner runner;
    private final SshEndpoint endpoint;

    public RemoteNodeShell(RemoteRunner runner, NodeConfig node) {
        this.runner = runner;
        this.endpoint = new SshEndpoint(
                node.name(),
                node.host(),
                node.port(),
                node.user(),
                node.privateKey(),
                node.hostKeyFingerprint(),
                node.knownHosts());
    }

    @Override
    public String node() {
        return endpoint.name();
    }

    @Override
    public void connect() throws NodeFailure {
        CommandResult r = exec(RemoteCommand.of("true"), PROBE);
        if (!r.ok()) {
            throw new NodeFailure(
                    node(), "ssh " + node() + ": `true` " + r.describeFailure(), ErrorClass.UNKNOWN, null);
        }
    }

    @Override
    public CommandResult exec(RemoteCommand command, Duration timeout) throws NodeFailure {
        try {
            return runner.run(endpoint, command, timeout);
        } catch (RemoteException e) {
            throw NodeFailure.ssh(node(), "`" + command + "`", e, false);
        }
    }

    @Override
    public RelayResult relay(RemoteCommand send, NodeShell target, RemoteCommand receive, LongConsumer progress)
            throws NodeFailure {
        if (!(target instanceof RemoteNodeShell to) || to.runner != runner) {
            throw new IllegalArgumentException("a relay joins two nodes of one runner, not " + target);
        }
        String what = "relay " + node() + " -> " + to.node();
        RemoteProcess sink;
        try {
            sink = runner.start(to.endpoint, receive);
        } catch (RemoteException e) {
            throw NodeFailure.ssh(to.node(), "`" + receive + "`", e, false);
        }
        try (sink;
                RemoteProcess source = startSender(send)) { // a sender that cannot start closes the receiver
            return runner.relay(source, sink, RELAY_LIMIT, progress);
        } catch (RemoteException e) {
            String where = e.endpoint() == null ? node() : e.endpoint();
            throw NodeFailure.ssh(where, what, e, true);
        }
    }

    private RemoteProcess startSender(RemoteCommand send) throws NodeFailure {
        try {
            return runner.start(endpoint, send);
        } catch (RemoteException e) {
            throw NodeFailure.ssh(node(), "`" + send + "`", e, false);
        }
    }

    @Override
    public String toString() {
        return "ssh " + endpoint.name() + " (" + endpoint.address() + ")";
    }
}
