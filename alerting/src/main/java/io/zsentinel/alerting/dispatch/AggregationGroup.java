package io.zsentinel.alerting.dispatch;

import io.zsentinel.alerting.model.Alert;
import io.zsentinel.alerting.notify.FlushContext;
import io.zsentinel.alerting.notify.Stage;
import io.zsentinel.alerting.route.Route;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts of one route with the same group labels, and the timer that flushes them:
 * first after {@code group_wait}, then every {@code group_interval} (Alertmanager's
 * aggregation group). Flushes are strictly sequential; resolved alerts leave the group once a
 * flush delivered them; an empty group ends. Lives on the scheduler's thread.
 */
final class AggregationGroup {
    private static final Logger LOG = LoggerFactory.getLogger(AggregationGroup.class);

    private final String key;
    private final Route route;
    private final Map<String, String> groupLabels;
    private final Stage pipeline;
    private final Scheduler scheduler;
    private final Runnable onEmpty;
    private final Map<String, Alert> alerts = new LinkedHashMap<>();
    private List<Settlement> pending = new ArrayList<>();
    private boolean hasFlushed;
    private boolean flushing;
    private Scheduler.Cancellable timer;

    AggregationGroup(
            String key,
            Route route,
            Map<String, String> groupLabels,
            Stage pipeline,
            Scheduler scheduler,
            Runnable onEmpty) {
        this.key = key;
        this.route = route;
        this.groupLabels = groupLabels;
        this.pipeline = pipeline;
        this.scheduler = scheduler;
        this.onEmpty = onEmpty;
        this.timer = scheduler.schedule(route.groupWait(), this::flush);
    }

    void add(Alert alert, Settlement settlement) {
        alerts.put(alert.fingerprint(), alert);
        pending.add(settlement.retain());
        // an alert older than group_wait (e.g. re-read after a restart) need not wait again
        if (!hasFlushed
                && !flushing
                && !alert.startsAt().plus(route.groupWait()).isAfter(scheduler.now())) {
            reschedule(Duration.ZERO);
        }
    }

    String key() {
        return key;
    }

    Map<String, Alert> alerts() {
        return alerts;
    }

    private void reschedule(Duration delay) {
        if (timer != null) {
            timer.cancel();
        }
        timer = scheduler.schedule(delay, this::flush);
    }

    private void flush() {
        if (flushing) {
            return;
        }
        timer = null;
        flushing = true;
        List<Alert> snapshot = new ArrayList<>(alerts.values());
        snapshot.sort(Comparator.comparing(Alert::fingerprint));
        List<Settlement> settling = pending;
        pending = new ArrayList<>();
        FlushContext ctx =
                new FlushContext(key, groupLabels, route.receiver(), scheduler.now(), route.repeatInterval());
        CompletableFuture<List<Alert>> result;
        if (route.receiver() == null || pipeline == null || snapshot.isEmpty()) {
            result = CompletableFuture.completedFuture(snapshot);
        } else {
            try {
                result = pipeline.exec(ctx, snapshot);
            } catch (RuntimeException e) {
                result = CompletableFuture.failedFuture(e);
            }
        }
        result.whenComplete((sent, error) -> ctx.writesDone()
                .whenComplete(
                        (v, writeError) -> scheduler.execute(() -> flushed(snapshot, settling, error, writeError))));
    }

    private void flushed(List<Alert> snapshot, List<Settlement> settling, Throwable error, Throwable writeError) {
        if (writeError != null) {
            // audit or nflog not durable: do not let the consumer commit; a restart redoes the flush
            LOG.error(
                    "group {}: a notification record was not written ({}); its findings stay uncommitted",
                    key,
                    writeError.toString());
        } else {
            settling.forEach(Settlement::release);
        }
        if (error == null) {
            for (Alert alert : snapshot) {
                if (alert.resolved() && alerts.get(alert.fingerprint()) == alert) {
                    alerts.remove(alert.fingerprint());
                }
            }
        }
        flushing = false;
        hasFlushed = true;
        if (alerts.isEmpty()) {
            pending.forEach(Settlement::release);
            pending.clear();
            onEmpty.run();
        } else {
            reschedule(route.groupInterval());
        }
    }

    void cancel() {
        if (timer != null) {
            timer.cancel();
        }
    }
}
