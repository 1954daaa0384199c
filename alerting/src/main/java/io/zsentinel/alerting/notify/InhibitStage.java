package io.zsentinel.alerting.notify;

import io.zsentinel.alerting.inhibit.Inhibitor;
import io.zsentinel.alerting.model.Alert;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Drops alerts another firing alert explains (e.g. a broken chain explains the RPO breach). */
public final class InhibitStage implements Stage {
    private final Inhibitor inhibitor;

    public InhibitStage(Inhibitor inhibitor) {
        this.inhibitor = inhibitor;
    }

    @Override
    public CompletableFuture<List<Alert>> exec(FlushContext ctx, List<Alert> alerts) {
        return CompletableFuture.completedFuture(
                alerts.stream().filter(a -> inhibitor.inhibitedBy(a).isEmpty()).toList());
    }
}
