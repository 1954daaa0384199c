package io.zsentinel.alerting.notify;

import io.zsentinel.alerting.model.Alert;
import io.zsentinel.alerting.silence.Silences;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Drops alerts an active silence matches. */
public final class SilenceStage implements Stage {
    private final Silences silences;

    public SilenceStage(Silences silences) {
        this.silences = silences;
    }

    @Override
    public CompletableFuture<List<Alert>> exec(FlushContext ctx, List<Alert> alerts) {
        return CompletableFuture.completedFuture(alerts.stream()
                .filter(a -> silences.mutedBy(a.matchLabels(), ctx.now()).isEmpty())
                .toList());
    }
}
