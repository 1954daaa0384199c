package io.zsentinel.remote;

import java.time.Duration;

/** The command ran longer than allowed; it was sent SIGTERM and its channel was closed. */
public final class CommandTimeoutException extends RemoteException {
    private final String partialStderr;

    public CommandTimeoutException(String endpoint, RemoteCommand command, Duration timeout, String partialStderr) {
        super(
                endpoint,
                "'" + Printable.of(command.toShell()) + "' on " + endpoint + " did not finish within "
                        + timeout.toMillis() + " ms",
                null);
        this.partialStderr = partialStderr == null ? "" : partialStderr;
    }

    /** Whatever the command had written to stderr before it was stopped. */
    public String partialStderr() {
        return partialStderr;
    }

    @Override
    public RemoteFailure failure() {
        return RemoteFailure.TIMEOUT;
    }
}
