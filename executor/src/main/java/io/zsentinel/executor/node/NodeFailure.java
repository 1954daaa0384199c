package io.zsentinel.executor.node;

import io.zsentinel.events.data.ErrorClass;
import io.zsentinel.executor.zfs.ErrorClassifier;
import io.zsentinel.remote.CommandResult;
import io.zsentinel.remote.RemoteException;
import io.zsentinel.remote.RemoteFailure;

/**
 * A step on a node failed: the node, what was done, the raw error text, and its class, typed
 * once here at the edge: from remote's {@link RemoteFailure} when the SSH layer failed, from the
 * command's stderr when the command ran and failed.
 */
public final class NodeFailure extends Exception {
    private final String node;
    private final ErrorClass errorClass;

    public NodeFailure(String node, String message, ErrorClass errorClass, Throwable cause) {
        super(message, cause);
        this.node = node;
        this.errorClass = errorClass;
    }

    /** A command that ran and exited non-zero: ZFS says why on stderr (docs/zfs.md). */
    public static NodeFailure exited(String node, String what, CommandResult r) {
        String text = r.stderr() == null || r.stderr().isBlank()
                ? "exit status " + r.exitCode()
                : r.stderr().strip();
        return new NodeFailure(node, what + " on " + node + ": " + text, ErrorClassifier.classify(r.stderr()), null);
    }

    /**
     * The SSH layer failed. A connection lost under a stream is the stream's break; a command
     * that timed out may still have said why on stderr (remote keeps it in the message).
     */
    public static NodeFailure ssh(String node, String what, RemoteException e, boolean streaming) {
        ErrorClass c = switch (e.failure()) {
            case HOSTKEY_MISMATCH -> ErrorClass.HOSTKEY_MISMATCH;
            case AUTH_FAILED -> ErrorClass.AUTH_FAILED;
            case UNREACHABLE -> ErrorClass.SSH_UNREACHABLE;
            case CONNECTION_LOST -> streaming ? ErrorClass.STREAM_BROKEN : ErrorClass.SSH_UNREACHABLE;
            case TIMEOUT -> {
                ErrorClass fromText = ErrorClassifier.classify(e.getMessage());
                yield fromText == ErrorClass.UNKNOWN ? ErrorClass.STREAM_BROKEN : fromText;
            }
        };
        return new NodeFailure(node, "ssh " + node + " " + what + ": " + e.getMessage(), c, e);
    }

    public String node() {
        return node;
    }

    public ErrorClass errorClass() {
        return errorClass;
    }
}
