package io.zsentinel.alerting.notify;

import io.zsentinel.alerting.model.Alert;
import io.zsentinel.alerting.nflog.NflogEntry;
import io.zsentinel.alerting.nflog.NotificationLog;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** After a delivery: remember what the receiver now knows, for dedup and across restarts. */
public final class RecordStage implements Stage {
    private final NotificationLog log;
    private final Duration retention;

    public RecordStage(NotificationLog log, Duration retention) {
        this.log = log;
        this.retention = retention;
    }

    @Override
    public CompletableFuture<List<Alert>> exec(FlushContext ctx, List<Alert> alerts) {
        NflogEntry entry = new NflogEntry(
                ctx.groupKey(),
                ctx.receiver(),
                ctx.firing(),
                ctx.resolved(),
                ctx.now(),
                ctx.now().plus(retention),
                ctx.notificationId());
        ctx.addWrite(log.put(entry));
        return CompletableFuture.completedFuture(alerts);
    }
}
