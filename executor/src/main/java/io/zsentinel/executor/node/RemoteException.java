package io.zsentinel.executor.node;

import io.zsentinel.events.data.ErrorClass;
import io.zsentinel.executor.zfs.ErrorClassifier;

/**
 * A remote step failed: the node, the command, the raw error text, and its class (decided
 * once, here at the edge, from the text).
 */
public class RemoteException extends Exception {
    private final String node;
    private final ErrorClass errorClass;

    public RemoteException(String node, String message, Throwable cause) {
        super(message, cause);
        this.node = node;
        ErrorClass c = ErrorClassifier.classify(message);
        this.errorClass = c == ErrorClass.UNKNOWN && cause != null ? ErrorClassifier.classify(cause) : c;
    }

    public RemoteException(String node, String message, ErrorClass errorClass) {
        super(message);
        this.node = node;
        this.errorClass = errorClass;
    }

    public String node() {
        return node;
    }

    public ErrorClass errorClass() {
        return errorClass;
    }
}
