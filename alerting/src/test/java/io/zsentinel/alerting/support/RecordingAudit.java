package io.zsentinel.alerting.support;

import io.zsentinel.alerting.notify.AuditSink;
import io.zsentinel.events.data.AuditData;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Audit events kept in memory. */
public final class RecordingAudit implements AuditSink {
    public final List<AuditData> events = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<Void> audit(String subject, AuditData data) {
        events.add(data);
        return CompletableFuture.completedFuture(null);
    }
}
