package io.zsentinel.events;

/**
 * A record that is not a zsentinel event we can read. Callers route it to
 * {@code zsentinel.dlq} with {@link #reason()} in a header and go on.
 */
public final class MalformedEventException extends Exception {
    /** Closed set: also the DLQ header value and a metric label. */
    public enum Reason {
        EMPTY,
        MALFORMED_JSON,
        MISSING_ATTRIBUTE,
        UNSUPPORTED_SPEC_VERSION,
        UNKNOWN_TYPE,
        INVALID_DATA
    }

    private final Reason reason;

    public MalformedEventException(Reason reason, String detail, Throwable cause) {
        super(reason + ": " + detail, cause);
        this.reason = reason;
    }

    public MalformedEventException(Reason reason, String detail) {
        this(reason, detail, null);
    }

    public Reason reason() {
        return reason;
    }
}
