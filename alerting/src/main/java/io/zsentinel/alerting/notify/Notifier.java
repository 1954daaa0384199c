package io.zsentinel.alerting.notify;

import java.util.concurrent.CompletableFuture;

/**
 * A sink (webhook, Zabbix). One call is one attempt; retrying is {@link RetryStage}'s job.
 * The future always completes normally: failures are {@link Attempt.Failed} with a reason.
 */
public interface Notifier {
    CompletableFuture<Attempt> send(Notification notification, int attempt);
}
