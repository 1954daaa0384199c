package io.zsentinel.alerting.notify;

import io.zsentinel.alerting.model.Alert;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One step of a notification flush (Alertmanager's {@code Stage}): takes the alerts of a
 * group, returns those that go on. An empty result ends the flush; a failed future means the
 * delivery gave up (already audited).
 */
@FunctionalInterface
public interface Stage {
    CompletableFuture<List<Alert>> exec(FlushContext ctx, List<Alert> alerts);
}
