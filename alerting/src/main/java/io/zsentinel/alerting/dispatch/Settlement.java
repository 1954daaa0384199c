package io.zsentinel.alerting.dispatch;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tracks one consumed record until every group it entered has flushed it (delivered,
 * deduplicated, muted, or given up and audited); then {@code onSettled} runs once, which lets
 * the consumer commit past it. Reference counted: one reference per group, plus the caller's.
 */
public final class Settlement {
    private final AtomicInteger references = new AtomicInteger(1);
    private final Runnable onSettled;

    public Settlement(Runnable onSettled) {
        this.onSettled = onSettled;
    }

    /** For alerts that come from no record (synthetic, tests). */
    public static Settlement none() {
        return new Settlement(() -> {});
    }

    public Settlement retain() {
        references.incrementAndGet();
        return this;
    }

    public void release() {
        if (references.decrementAndGet() == 0) {
            onSettled.run();
        }
    }

    public boolean settled() {
        return references.get() <= 0;
    }
}
