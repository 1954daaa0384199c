package io.zsentinel.alerting.config;

import io.zsentinel.alerting.notify.Backoff;
import io.zsentinel.alerting.zabbix.HostMapping;
import java.time.Duration;

/**
 * {@code alerting.receivers.<name>.zabbix}: a Zabbix server or proxy trapper. Besides the
 * findings routed to it, it receives the job and pool items every {@code sendInterval} and
 * the low-level discovery every {@code discoveryInterval}.
 */
public record ZabbixReceiverConfig(
        String name,
        String server,
        int port,
        HostMapping hosts,
        boolean compress,
        Duration sendInterval,
        Duration discoveryInterval,
        Duration timeout,
        boolean sendResolved,
        int maxAttempts,
        Backoff backoff)
        implements ReceiverConfig {}
