package io.zsentinel.alerting;

import io.zsentinel.alerting.config.AlertingSections;
import io.zsentinel.alerting.config.ReceiverConfig;
import io.zsentinel.alerting.inhibit.InhibitRule;
import io.zsentinel.alerting.resync.ResyncConfig;
import io.zsentinel.alerting.route.Route;
import io.zsentinel.common.config.ConfigReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@code alerting:} section (documented in {@code alerting/docs/config-alerting.md}).
 *
 * @param id this instance's name: {@code issuedBy = alerting/<id>}, event sources, consumer group
 * @param route the routing tree (its root always matches)
 * @param receivers by name
 * @param httpPort the silences API and /metrics, /health; 0 picks a free port
 */
public record AlertingConfig(
        String id,
        Route route,
        Map<String, ReceiverConfig> receivers,
        List<InhibitRule> inhibitRules,
        String httpHost,
        int httpPort,
        ResyncConfig resync,
        Duration nflogRetention,
        Duration silenceRetention,
        String externalUrl) {

    public AlertingConfig {
        receivers = Map.copyOf(receivers);
        inhibitRules = List.copyOf(inhibitRules);
    }

    /** Reads the section; problems are collected in the reader (the launcher calls {@code finish()}). */
    public static AlertingConfig read(ConfigReader section) {
        return AlertingSections.read(section);
    }
}
