package io.zsentinel.remote;

/** The server did not accept our key, or the key file could not be loaded. */
public final class AuthFailedException extends RemoteException {
    public AuthFailedException(SshEndpoint ep, String reason, Throwable cause) {
        super(
                ep.name(),
                "authentication as " + ep.user() + " on " + ep.name() + " (" + ep.address() + ") failed: " + reason,
                cause);
    }

    @Override
    public RemoteFailure failure() {
        return RemoteFailure.AUTH_FAILED;
    }
}
