package io.zsentinel.alerting.support;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zsentinel.alerting.dispatch.Dispatcher;
import io.zsentinel.alerting.dispatch.Settlement;
import io.zsentinel.alerting.inhibit.InhibitRule;
import io.zsentinel.alerting.inhibit.Inhibitor;
import io.zsentinel.alerting.model.Alert;
import io.zsentinel.alerting.nflog.InMemoryNotificationLog;
import io.zsentinel.alerting.notify.Backoff;
import io.zsentinel.alerting.notify.Integration;
import io.zsentinel.alerting.notify.Pipelines;
import io.zsentinel.alerting.route.Route;
import io.zsentinel.alerting.silence.Silences;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** One receiver behind the real pipeline and dispatcher, on a manual clock. */
public final class PipelineFixture {
    public final ManualScheduler scheduler = new ManualScheduler(Alerts.T0);
    public final RecordingNotifier notifier = new RecordingNotifier();
    public final RecordingAudit audit = new RecordingAudit();
    public final InMemoryNotificationLog nflog;
    public final Silences silences = new Silences(s -> CompletableFuture.completedFuture(null), Duration.ofDays(5));
    public final Integration integration;
    public final Dispatcher dispatcher;

    public PipelineFixture(
            Set<String> groupBy,
            Duration groupWait,
            Duration groupInterval,
            Duration repeat,
            boolean sendResolved,
            InMemoryNotificationLog nflog) {
        this.nflog = nflog;
        Route root =
                new Route("", List.of(), "hook", groupBy, false, groupWait, groupInterval, repeat, false, List.of());
        integration = new Integration(
                "hook",
                notifier,
                sendResolved,
                3,
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1)));
        Inhibitor inhibitor = new Inhibitor(InhibitRule.defaults());
        dispatcher = new Dispatcher(
                root,
                receiver -> Pipelines.build(
                        integration,
                        inhibitor,
                        silences,
                        nflog,
                        Duration.ofDays(5),
                        scheduler,
                        audit,
                        new SimpleMeterRegistry()),
                scheduler,
                inhibitor);
    }

    public static PipelineFixture standard() {
        return new PipelineFixture(
                Set.of("alertname"),
                Duration.ofSeconds(30),
                Duration.ofMinutes(5),
                Duration.ofHours(4),
                true,
                new InMemoryNotificationLog());
    }

    public void ingest(Alert alert) {
        dispatcher.ingest(alert, Settlement.none());
    }

    public void advance(Duration d) {
        scheduler.advance(d);
    }
}
