package io.zsentinel.alerting.config;

import static io.zsentinel.alerting.config.AlertingKeys.*;

import io.zsentinel.alerting.AlertingConfig;
import io.zsentinel.alerting.inhibit.InhibitRule;
import io.zsentinel.alerting.model.Matcher;
import io.zsentinel.alerting.resync.ResyncConfig;
import io.zsentinel.alerting.route.Route;
import io.zsentinel.common.config.ConfigKey;
import io.zsentinel.common.config.ConfigReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads every key of {@code alerting:} through its declaration ({@link AlertingKeys}); cross-checks receivers. */
public final class AlertingSections {
    private AlertingSections() {}

    public static AlertingConfig read(ConfigReader s) {
        String id = ID.read(s);
        Map<String, ReceiverConfig> receivers = ReceiversReader.read(s.section("receivers"));
        Route route = RouteReader.read(s.section("route"), receivers.keySet());
        if (!receivers.isEmpty() && route.receiver() == null) {
            s.problem(ROUTE_RECEIVER.name(), "is required once receivers are defined (the default receiver)");
        }
        String inhibit = INHIBIT_RULES.child();
        List<InhibitRule> rules = s.has(inhibit) ? inhibitRules(s) : InhibitRule.defaults();
        if (!s.has(inhibit)) {
            INHIBIT_RULES.read(s); // an explicit null is a key read, not an unknown one
        }
        ConfigReader http = s.section("http");
        String host = HTTP_HOST.read(http);
        int port = HTTP_PORT.read(http);
        ResyncConfig resync = ResyncReader.read(s.section("resync"));
        Duration nflogRetention = NFLOG_RETENTION.read(s.section("nflog"));
        Duration silenceRetention = SILENCES_RETENTION.read(s.section("silences"));
        String externalUrl = EXTERNAL_URL.read(s);
        return new AlertingConfig(
                id, route, receivers, rules, host, port, resync, nflogRetention, silenceRetention, externalUrl);
    }

    private static List<InhibitRule> inhibitRules(ConfigReader s) {
        List<InhibitRule> rules = new ArrayList<>();
        for (ConfigReader rule : INHIBIT_RULES.read(s)) {
            List<Matcher> source = matchers(rule, INHIBIT_SOURCE_MATCHERS);
            List<Matcher> target = matchers(rule, INHIBIT_TARGET_MATCHERS);
            if (source.isEmpty() || target.isEmpty()) {
                rule.problem(
                        (source.isEmpty() ? INHIBIT_SOURCE_MATCHERS : INHIBIT_TARGET_MATCHERS).child(),
                        "needs at least one matcher");
            }
            rules.add(new InhibitRule(source, target, INHIBIT_EQUAL.read(rule)));
        }
        return rules;
    }

    /** Parsed matchers of a key; each one that does not parse is a problem of that key. */
    static List<Matcher> matchers(ConfigReader s, ConfigKey<List<String>> key) {
        List<Matcher> result = new ArrayList<>();
        for (String text : key.read(s)) {
            try {
                result.add(Matcher.parse(text));
            } catch (IllegalArgumentException e) {
                s.problem(key.child(), e.getMessage());
            }
        }
        return result;
    }
}
