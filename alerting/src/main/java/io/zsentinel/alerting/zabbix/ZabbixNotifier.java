package io.zsentinel.alerting.zabbix;

import io.zsentinel.alerting.model.Alert;
import io.zsentinel.alerting.notify.Attempt;
import io.zsentinel.alerting.notify.FailureReason;
import io.zsentinel.alerting.notify.Notification;
import io.zsentinel.alerting.notify.Notifier;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Findings to Zabbix: each alert of a notification becomes one line of the
 * {@code zsentinel.finding} text item on its host. Sends on its own thread (blocking socket).
 * Values the server rejects are not retried (the host or item does not exist: config, not luck).
 */
public final class ZabbixNotifier implements Notifier, AutoCloseable {
    private final ZabbixSender sender;
    private final HostMapping hosts;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "alerting-zabbix-notify");
        t.setDaemon(true);
        return t;
    });

    public ZabbixNotifier(ZabbixSender sender, HostMapping hosts) {
        this.sender = sender;
        this.hosts = hosts;
    }

    @Override
    public CompletableFuture<Attempt> send(Notification notification, int attempt) {
        List<ZabbixValue> values = notification.alerts().stream()
                .map((Alert a) -> ZabbixItems.finding(a, hosts, notification.createdAt()))
                .toList();
        return CompletableFuture.supplyAsync(() -> deliver(values), executor);
    }

    private Attempt deliver(List<ZabbixValue> values) {
        try {
            SenderResponse response = sender.send(values);
            if (!response.success()) {
                return new Attempt.Failed(FailureReason.SERVER_ERROR, 0, null, response.info());
            }
            if (response.failed() > 0) {
                return new Attempt.Failed(FailureReason.REJECTED_VALUES, 0, null, response.info());
            }
            return new Attempt.Delivered(0, response.info());
        } catch (SocketTimeoutException e) {
            return new Attempt.Failed(FailureReason.TIMEOUT, 0, null, e.toString());
        } catch (IOException e) {
            return new Attempt.Failed(FailureReason.CONNECTION, 0, null, e.toString());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
