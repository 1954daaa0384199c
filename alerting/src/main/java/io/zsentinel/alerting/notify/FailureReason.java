package io.zsentinel.alerting.notify;

/**
 * Why a delivery attempt failed: a closed set, also the {@code reason} label of
 * {@code zsentinel.alerting.notifications} and the audit reason. Whether a retry can help is
 * decided here, once.
 */
public enum FailureReason {
    /** 4xx other than 408/410/429: the request is wrong; retrying sends the same thing. */
    CLIENT_ERROR(false),
    /** 5xx. */
    SERVER_ERROR(true),
    /** 429, or 408. */
    THROTTLED(true),
    /** No answer within the receiver's timeout. */
    TIMEOUT(true),
    /** Connection refused, reset, DNS, TLS handshake. */
    CONNECTION(true),
    /** 410: the endpoint is gone; the receiver is disabled until restart. */
    GONE(false),
    /** 3xx: redirects are not followed (Standard Webhooks). */
    REDIRECT(false),
    /** The Zabbix server accepted the frame but rejected values (unknown host or item). */
    REJECTED_VALUES(false),
    /** The receiver was disabled earlier (410). */
    RECEIVER_DISABLED(false),
    /** A bug or an unexpected exception on our side. */
    INTERNAL(false);

    private final boolean retryable;

    FailureReason(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }

    public String label() {
        return name().toLowerCase();
    }

    /** Classifies an HTTP status that is not 2xx. */
    public static FailureReason ofHttpStatus(int status) {
        if (status == 410) {
            return GONE;
        }
        if (status == 429 || status == 408) {
            return THROTTLED;
        }
        if (status >= 500) {
            return SERVER_ERROR;
        }
        if (status >= 300 && status < 400) {
            return REDIRECT;
        }
        return CLIENT_ERROR;
    }
}
