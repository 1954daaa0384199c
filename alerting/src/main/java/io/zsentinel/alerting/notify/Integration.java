package io.zsentinel.alerting.notify;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A configured receiver at run time: its notifier, whether it wants resolved notifications,
 * how hard to retry, and whether it was disabled (410 Gone).
 */
public final class Integration {
    private final String receiver;
    private final Notifier notifier;
    private final boolean sendResolved;
    private final int maxAttempts;
    private final Backoff backoff;
    private final AtomicBoolean disabled = new AtomicBoolean();

    public Integration(String receiver, Notifier notifier, boolean sendResolved, int maxAttempts, Backoff backoff) {
        this.receiver = receiver;
        this.notifier = notifier;
        this.sendResolved = sendResolved;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
    }

    public String receiver() {
        return receiver;
    }

    public Notifier notifier() {
        return notifier;
    }

    public boolean sendResolved() {
        return sendResolved;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Backoff backoff() {
        return backoff;
    }

    public boolean disabled() {
        return disabled.get();
    }

    public void disable() {
        disabled.set(true);
    }
}
