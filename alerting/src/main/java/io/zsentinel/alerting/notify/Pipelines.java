package io.zsentinel.alerting.notify;

import io.micrometer.core.instrument.MeterRegistry;
import io.zsentinel.alerting.dispatch.Scheduler;
import io.zsentinel.alerting.inhibit.Inhibitor;
import io.zsentinel.alerting.nflog.NotificationLog;
import io.zsentinel.alerting.silence.Silences;
import java.time.Duration;

/** The whole notification pipeline of one receiver, as data (Alertmanager's {@code BuildPipeline}). */
public final class Pipelines {
    private Pipelines() {}

    public static Stage build(
            Integration integration,
            Inhibitor inhibitor,
            Silences silences,
            NotificationLog nflog,
            Duration nflogRetention,
            Scheduler scheduler,
            AuditSink audit,
            MeterRegistry registry) {
        return new MultiStage(
                new InhibitStage(inhibitor),
                new SilenceStage(silences),
                new DedupStage(nflog, integration.sendResolved(), registry),
                new RetryStage(integration, scheduler, audit, registry),
                new RecordStage(nflog, nflogRetention));
    }
}
