package io.zsentinel.alerting.zabbix;

import java.time.Instant;

/** One trapper value: host, item key, value as text, and when it was measured (null: on receipt). */
public record ZabbixValue(String host, String key, String value, Instant clock) {}
