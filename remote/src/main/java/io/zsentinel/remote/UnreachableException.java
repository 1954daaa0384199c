package io.zsentinel.remote;

/** Could not connect: refused, timed out, no route, unknown host, or the handshake broke off. */
public final class UnreachableException extends RemoteException {
    public UnreachableException(SshEndpoint ep, Throwable cause) {
        super(ep.name(), "cannot reach " + ep.name() + " (" + ep.address() + "): " + reason(cause), cause);
    }

    private static String reason(Throwable cause) {
        String m = cause.getMessage();
        return cause.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    @Override
    public RemoteFailure failure() {
        return RemoteFailure.UNREACHABLE;
    }
}
