package io.zsentinel.remote;

/** The SSH connection broke (or a channel could not be opened on it) while we used it. */
public final class ConnectionLostException extends RemoteException {
    public ConnectionLostException(String endpoint, String what, Throwable cause) {
        super(endpoint, what + " on " + endpoint + ": connection lost: " + cause, cause);
    }

    @Override
    public RemoteFailure failure() {
        return RemoteFailure.CONNECTION_LOST;
    }
}
