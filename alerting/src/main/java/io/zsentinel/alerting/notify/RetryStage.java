package io.zsentinel.alerting.notify;

import io.micrometer.core.instrument.MeterRegistry;
import io.zsentinel.alerting.dispatch.Scheduler;
import io.zsentinel.alerting.model.Alert;
import io.zsentinel.events.data.AuditData;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers through the receiver's notifier, retrying what can be retried with backoff, and
 * audits every attempt ({@code notification.attempt}) and a final give-up
 * ({@code notification.failed}). A 410 disables the receiver.
 */
public final class RetryStage implements Stage {
    private static final Logger LOG = LoggerFactory.getLogger(RetryStage.class);
    public static final String ATTEMPT_ACTION = "notification.attempt";
    public static final String FAILED_ACTION = "notification.failed";

    private final Integration integration;
    private final Scheduler scheduler;
    private final AuditSink audit;
    private final MeterRegistry registry;
    private final DoubleSupplier random;

    public RetryStage(
            Integration integration,
            Scheduler scheduler,
            AuditSink audit,
            MeterRegistry registry,
            DoubleSupplier random) {
        this.integration = integration;
        this.scheduler = scheduler;
        this.audit = audit;
        this.registry = registry;
        this.random = random;
    }

    public RetryStage(Integration integration, Scheduler scheduler, AuditSink audit, MeterRegistry registry) {
        this(
                integration,
                scheduler,
                audit,
                registry,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    @Override
    public CompletableFuture<List<Alert>> exec(FlushContext ctx, List<Alert> alerts) {
        List<Alert> toSend = integration.sendResolved()
                ? alerts
                : alerts.stream().filter(a -> !a.resolved()).toList();
        if (toSend.isEmpty()) {
            // nothing the receiver wants (all resolved, send_resolved off): record only
            return CompletableFuture.completedFuture(alerts);
        }
        Notification notification = new Notification(
                ctx.notificationId(), ctx.receiver(), ctx.groupKey(), ctx.groupLabels(), toSend, ctx.now());
        CompletableFuture<List<Alert>> result = new CompletableFuture<>();
        attempt(ctx, notification, 1, alerts, result);
        return result;
    }

    private void attempt(
            FlushContext ctx, Notification n, int attempt, List<Alert> alerts, CompletableFuture<List<Alert>> result) {
        CompletableFuture<Attempt> sent;
        if (integration.disabled()) {
            sent = CompletableFuture.completedFuture(
                    new Attempt.Failed(FailureReason.RECEIVER_DISABLED, 0, null, "disabled after 410 Gone"));
        } else {
            try {
                sent = integration.notifier().send(n, attempt);
            } catch (RuntimeException e) {
                sent = CompletableFuture.completedFuture(
                        new Attempt.Failed(FailureReason.INTERNAL, 0, null, e.toString()));
            }
        }
        sent.exceptionally(e -> new Attempt.Failed(FailureReason.INTERNAL, 0, null, e.toString()))
                .thenAccept(outcome -> scheduler.execute(() -> handle(ctx, n, attempt, alerts, result, outcome)));
    }

    private void handle(
            FlushContext ctx,
            Notification n,
            int attempt,
            List<Alert> alerts,
            CompletableFuture<List<Alert>> result,
            Attempt outcome) {
        ctx.addWrite(audit.audit(ctx.groupKey(), attemptAudit(n, attempt, outcome)));
        if (outcome instanceof Attempt.Delivered) {
            count("delivered", "none");
            result.complete(alerts);
            return;
        }
        Attempt.Failed failed = (Attempt.Failed) outcome;
        count("failed", failed.reason().label());
        if (failed.reason() == FailureReason.GONE) {
            LOG.warn("receiver {} answered 410 Gone: disabled until restart", integration.receiver());
            integration.disable();
        }
        Duration delay = failed.retryable() && attempt < integration.maxAttempts()
                ? integration.backoff().delayAfter(attempt, failed.retryAfter(), random)
                : null;
        if (delay == null) {
            LOG.warn(
                    "notification {} to {} gave up after {} attempt(s): {} {}",
                    n.id(),
                    integration.receiver(),
                    attempt,
                    failed.reason(),
                    failed.detail() == null ? "" : failed.detail());
            count("gave_up", failed.reason().label());
            ctx.addWrite(audit.audit(
                    ctx.groupKey(),
                    new AuditData(
                            FAILED_ACTION,
                            integration.receiver(),
                            "failure",
                            ctx.groupKey(),
                            failed.reason().label(),
                            attributes(n, attempt, failed))));
            result.completeExceptionally(new DeliveryFailedException(integration.receiver(), attempt, failed));
            return;
        }
        scheduler.schedule(delay, () -> attempt(ctx, n, attempt + 1, alerts, result));
    }

    private AuditData attemptAudit(Notification n, int attempt, Attempt outcome) {
        boolean ok = outcome instanceof Attempt.Delivered;
        String reason = ok ? null : ((Attempt.Failed) outcome).reason().label();
        return new AuditData(
                ATTEMPT_ACTION,
                integration.receiver(),
                ok ? "success" : "failure",
                n.groupKey(),
                reason,
                attributes(n, attempt, outcome));
    }

    private static Map<String, String> attributes(Notification n, int attempt, Attempt outcome) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("receiver", n.receiver());
        attributes.put("group_key", n.groupKey());
        attributes.put("notification_id", n.id());
        attributes.put("attempt", Integer.toString(attempt));
        attributes.put("status_code", Integer.toString(outcome.statusCode()));
        attributes.put("alerts", Integer.toString(n.alerts().size()));
        attributes.put("status", n.status());
        return attributes;
    }

    private void count(String outcome, String reason) {
        registry.counter(
                        "zsentinel.alerting.notifications",
                        "receiver",
                        integration.receiver(),
                        "outcome",
                        outcome,
                        "reason",
                        reason)
                .increment();
    }
}
