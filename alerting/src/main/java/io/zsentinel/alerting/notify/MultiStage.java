package io.zsentinel.alerting.notify;

import io.zsentinel.alerting.model.Alert;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Stages in order; stops as soon as one leaves no alert. */
public final class MultiStage implements Stage {
    private final List<Stage> stages;

    public MultiStage(Stage... stages) {
        this.stages = List.of(stages);
    }

    @Override
    public CompletableFuture<List<Alert>> exec(FlushContext ctx, List<Alert> alerts) {
        CompletableFuture<List<Alert>> result = CompletableFuture.completedFuture(alerts);
        for (Stage stage : stages) {
            result = result.thenCompose(current ->
                    current.isEmpty() ? CompletableFuture.completedFuture(current) : stage.exec(ctx, current));
        }
        return result;
    }
}
