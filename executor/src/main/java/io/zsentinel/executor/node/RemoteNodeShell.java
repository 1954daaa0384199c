package io.zsentinel.executor.node;

import io.zsentinel.events.data.ErrorClass;
import io.zsentinel.executor.config.NodeConfig;
import io.zsentinel.remote.RemoteCommand;
import io.zsentinel.remote.RemoteFailure;
import io.zsentinel.remote.RemoteProcess;
import io.zsentinel.remote.RemoteRunner;
import io.zsentinel.remote.SshEndpoint;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;

/**
 * {@link NodeShell} on the project's SSH layer ({@code io.zsentinel.remote}: one pooled sshj
 * connection per node, pinned host keys, quoted commands, process-group cancellation).
 * remote's failure classes map onto the executor's {@link ErrorClass} here, once.
 */
public final class RemoteNodeShell implements NodeShell {
    private static final Duration PROBE = Duration.ofSeconds(30);

    private final RemoteRunner runner;
    private final SshEndpoint endpoint;

    public RemoteNodeShell(RemoteRunner runner, NodeConfig node) {
        this.runner = runner;
        this.endpoint = new SshEndpoint(node.name(), node.host(), node.port(), node.user(), node.privateKey(),
                node.hostKeyFingerprint(), node.knownHosts());
    }

    @Override
    public String node() {
        return endpoint.name();
    }

    @Override
    public void connect() throws RemoteException {
        CommandResult r = exec(Command.of("true"), PROBE);
        if (!r.ok()) {
            throw new RemoteException(node(), "ssh " + node() + ": `true` exited " + r.exitStatus() + ": " + r.stderr(),
                    ErrorClass.UNKNOWN);
        }
    }

    @Override
    public CommandResult exec(Command command, Duration timeout) throws RemoteException {
        try {
            io.zsentinel.remote.CommandResult r = runner.run(endpoint, toRemote(command), timeout);
            return new CommandResult(r.exitCode(), r.stdout(), r.stderr());
        } catch (io.zsentinel.remote.RemoteException e) {
            throw translate(command, e);
        }
    }

    @Override
    public Streaming start(Command command) throws RemoteException {
        RemoteProcess p;
        try {
            p = runner.start(endpoint, toRemote(command));
        } catch (io.zsentinel.remote.RemoteException e) {
            throw translate(command, e);
        }
        return new Streaming() {
            @Override
            public InputStream stdout() {
                return p.stdout();
            }

            @Override
            public OutputStream stdin() {
                return p.stdin();
            }

            @Override
            public CommandResult await(long timeoutMillis) throws RemoteException {
                try {
                    int code = p.waitFor(Duration.ofMillis(timeoutMillis));
                    return new CommandResult(code, "", p.stderr());
                } catch (io.zsentinel.remote.RemoteException e) {
                    String stderr = p.stderr();
                    throw new RemoteException(node(), node() + " `" + command + "`: "
                            + (stderr == null || stderr.isBlank() ? e.getMessage() : stderr), errorClass(e, stderr));
                }
            }

            @Override
            public void close() {
                p.close();
            }
        };
    }

    private static RemoteCommand toRemote(Command command) {
        List<String> argv = command.argv();
        return RemoteCommand.of(argv.get(0), argv.subList(1, argv.size()));
    }

    private RemoteException translate(Command command, io.zsentinel.remote.RemoteException e) {
        String text = "ssh " + node() + " `" + command + "`: " + e.getMessage();
        return new RemoteException(node(), text, errorClass(e, e.getMessage()));
    }

    /** remote's failure first (classified at its edge); the text decides what it leaves open. */
    static ErrorClass errorClass(io.zsentinel.remote.RemoteException e, String text) {
        RemoteFailure f = e.failure();
        return switch (f) {
            case HOSTKEY_MISMATCH -> ErrorClass.HOSTKEY_MISMATCH;
            case AUTH_FAILED -> ErrorClass.AUTH_FAILED;
            case UNREACHABLE -> ErrorClass.SSH_UNREACHABLE;
            case CONNECTION_LOST -> ErrorClass.SSH_UNREACHABLE;
            case TIMEOUT -> {
                ErrorClass fromText = io.zsentinel.executor.zfs.ErrorClassifier.classify(text);
                yield fromText == ErrorClass.UNKNOWN ? ErrorClass.STREAM_BROKEN : fromText;
            }
        };
    }
}
