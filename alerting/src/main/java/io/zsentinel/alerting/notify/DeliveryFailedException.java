package io.zsentinel.alerting.notify;

/** A delivery gave up (and was audited): the flush failed; the group retries at its next interval. */
public final class DeliveryFailedException extends RuntimeException {
    private final transient Attempt.Failed last;

    public DeliveryFailedException(String receiver, int attempts, Attempt.Failed last) {
        super(
                "delivery to " + receiver + " gave up after " + attempts + " attempt(s): " + last.reason()
                        + (last.detail() == null ? "" : " (" + last.detail() + ")"),
                null,
                false,
                false);
        this.last = last;
    }

    public Attempt.Failed last() {
        return last;
    }
}
