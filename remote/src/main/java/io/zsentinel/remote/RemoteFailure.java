package io.zsentinel.remote;

/**
 * Why a remote call failed before or outside the command's own exit status. Classified once,
 * here at the edge, so callers switch on this and never on message text. Doubles as a
 * metric label.
 */
public enum RemoteFailure {
    /** The server's host key is not the pinned/known one. A security event; needs a human. */
    HOSTKEY_MISMATCH(false),
    /** TCP connect or SSH handshake failed: refused, timed out, no route, unknown host. */
    UNREACHABLE(true),
    /** The server rejected our key (or the key file could not be read). Needs a human. */
    AUTH_FAILED(false),
    /** The command did not finish within its timeout; it was signalled and its channel closed. */
    TIMEOUT(true),
    /** An established connection broke while a command was running. */
    CONNECTION_LOST(true);

    private final boolean transientFailure;

    RemoteFailure(boolean transientFailure) {
        this.transientFailure = transientFailure;
    }

    /** Worth retrying with backoff (true), or needs someone to look (false). */
    public boolean isTransient() {
        return transientFailure;
    }
}
