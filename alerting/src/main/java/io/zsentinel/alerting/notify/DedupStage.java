package io.zsentinel.alerting.notify;

import io.micrometer.core.instrument.MeterRegistry;
import io.zsentinel.alerting.model.Alert;
import io.zsentinel.alerting.nflog.NflogEntry;
import io.zsentinel.alerting.nflog.NotificationLog;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Drops a flush that would tell the receiver nothing new ({@link DedupDecision}). */
public final class DedupStage implements Stage {
    private final NotificationLog log;
    private final boolean sendResolved;
    private final MeterRegistry registry;

    public DedupStage(NotificationLog log, boolean sendResolved, MeterRegistry registry) {
        this.log = log;
        this.sendResolved = sendResolved;
        this.registry = registry;
    }

    public DedupStage(NotificationLog log, boolean sendResolved) {
        this(log, sendResolved, null);
    }

    @Override
    public CompletableFuture<List<Alert>> exec(FlushContext ctx, List<Alert> alerts) {
        Set<String> firing = new HashSet<>();
        Set<String> resolved = new HashSet<>();
        for (Alert alert : alerts) {
            (alert.resolved() ? resolved : firing).add(alert.fingerprint());
        }
        NflogEntry entry = log.get(ctx.groupKey(), ctx.receiver()).orElse(null);
        DedupDecision.Reason reason =
                DedupDecision.needsUpdate(entry, firing, resolved, sendResolved, ctx.repeatInterval(), ctx.now());
        String id = NotificationId.of(
                ctx.groupKey(), ctx.receiver(), firing, resolved, entry == null ? null : entry.timestamp());
        ctx.deduplicated(entry, firing, resolved, reason, id);
        if (registry != null) {
            registry.counter(
                            "zsentinel.alerting.dedup",
                            "receiver",
                            ctx.receiver(),
                            "reason",
                            reason.name().toLowerCase())
                    .increment();
        }
        return CompletableFuture.completedFuture(reason.notifies() ? alerts : List.of());
    }
}
