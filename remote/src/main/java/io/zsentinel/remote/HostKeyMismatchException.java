package io.zsentinel.remote;

/**
 * The server presented a host key we do not trust for this endpoint: a different key than the
 * pinned fingerprint, or one that known_hosts does not list (or lists differently). Never
 * retried automatically: this is what a man-in-the-middle or a reinstalled node looks like.
 */
public final class HostKeyMismatchException extends RemoteException {
    private final String expected;
    private final String presented;

    public HostKeyMismatchException(SshEndpoint ep, String expected, String presented, Throwable cause) {
        super(
                ep.name(),
                "host key of " + ep.name() + " (" + ep.host() + ":" + ep.port() + ") is "
                        + (presented == null ? "unknown" : presented) + ", expected " + expected
                        + ": refusing to connect (reinstalled node or man-in-the-middle?)",
                cause);
        this.expected = expected;
        this.presented = presented;
    }

    /** The pinned fingerprint, or a description of the known_hosts file consulted. */
    public String expected() {
        return expected;
    }

    /** {@code SHA256:...} of the key the server presented; null if none was seen. */
    public String presented() {
        return presented;
    }

    @Override
    public RemoteFailure failure() {
        return RemoteFailure.HOSTKEY_MISMATCH;
    }
}
