package io.zsentinel.testkit.lab;

import io.zsentinel.remote.CommandResult;
import io.zsentinel.remote.RemoteCommand;
import io.zsentinel.remote.RemoteException;
import io.zsentinel.remote.RemoteProcess;
import io.zsentinel.remote.RemoteRunner;
import io.zsentinel.remote.SshEndpoint;
import java.time.Duration;

/** Commands on one lab node, through the remote module (the same path the executor takes). */
public final class LabShell {
    /** Generous: zfs-fuse on a busy 2-core machine is slow, and a test should fail on results, not on time. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    private final RemoteRunner runner;
    private final SshEndpoint endpoint;

    LabShell(RemoteRunner runner, SshEndpoint endpoint) {
        this.runner = runner;
        this.endpoint = endpoint;
    }

    public SshEndpoint endpoint() {
        return endpoint;
    }

    /** {@code program args...} (each argument quoted); a non-zero exit is a result, not an error. */
    public CommandResult run(String program, String... args) throws RemoteException {
        return run(RemoteCommand.of(program, args), DEFAULT_TIMEOUT);
    }

    public CommandResult run(RemoteCommand command, Duration timeout) throws RemoteException {
        return runner.run(endpoint, command, timeout);
    }

    /** Runs the command, fails the test unless it exits 0, returns its stdout without surrounding whitespace. */
    public String ok(String program, String... args) throws RemoteException {
        return ok(RemoteCommand.of(program, args));
    }

    public String ok(RemoteCommand command) throws RemoteException {
        CommandResult r = run(command, DEFAULT_TIMEOUT);
        if (!r.ok()) {
            throw new AssertionError("on " + endpoint.name() + ": `" + command + "` failed, " + r.describeFailure());
        }
        return r.stdout().strip();
    }

    /** Starts a command with streams (e.g. {@code zfs send} for {@link RemoteRunner#relay}). */
    public RemoteProcess start(RemoteCommand command) throws RemoteException {
        return runner.start(endpoint, command);
    }
}
