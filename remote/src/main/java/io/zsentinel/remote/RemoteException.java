package io.zsentinel.remote;

import java.io.IOException;

/**
 * A remote call failed for a reason other than the command's exit status. The subclasses are
 * closed; {@link #failure()} says which, {@link #endpoint()} says where. Extends IOException
 * so stream code (the relay, callers reading {@link RemoteProcess#stdout()}) can propagate it.
 */
public abstract sealed class RemoteException extends IOException
        permits HostKeyMismatchException,
                UnreachableException,
                AuthFailedException,
                CommandTimeoutException,
                ConnectionLostException {

    private final String endpoint;

    protected RemoteException(String endpoint, String message, Throwable cause) {
        super(message, cause);
        this.endpoint = endpoint;
    }

    /** The {@link SshEndpoint#name()} this happened on. */
    public String endpoint() {
        return endpoint;
    }

    public abstract RemoteFailure failure();
}
