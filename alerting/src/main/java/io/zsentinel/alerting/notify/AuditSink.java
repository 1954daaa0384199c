package io.zsentinel.alerting.notify;

import io.zsentinel.events.data.AuditData;
import java.util.concurrent.CompletableFuture;

/** Where audit events go ({@code zsentinel.audit}); the future completes once the write is acknowledged. */
public interface AuditSink {
    CompletableFuture<Void> audit(String subject, AuditData data);
}
