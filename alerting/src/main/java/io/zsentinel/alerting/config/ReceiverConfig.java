package io.zsentinel.alerting.config;

import io.zsentinel.alerting.notify.Backoff;

/** A named receiver: exactly one of {@code webhook:} or {@code zabbix:}. */
public sealed interface ReceiverConfig permits WebhookReceiverConfig, ZabbixReceiverConfig {
    String name();

    boolean sendResolved();

    int maxAttempts();

    Backoff backoff();
}
