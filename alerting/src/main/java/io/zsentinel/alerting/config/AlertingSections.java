package io.zsentinel.alerting.config;

import io.zsentinel.alerting.AlertingConfig;
import io.zsentinel.alerting.inhibit.InhibitRule;
import io.zsentinel.alerting.model.Matcher;
import io.zsentinel.alerting.resync.ResyncConfig;
import io.zsentinel.alerting.route.Route;
import io.zsentinel.common.config.ConfigReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads every key of {@code alerting:} with its default and validation; cross-checks receivers. */
public final class AlertingSections {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

    private AlertingSections() {}

    public static AlertingConfig read(ConfigReader s) {
        String id = s.matching("id", ID, "an instance name (letters, digits, '_', '.', '-')", "alerting", false);
        Map<String, ReceiverConfig> receivers = ReceiversReader.read(s.section("receivers"));
        Route route = RouteReader.read(s.section("route"), receivers.keySet());
        if (!receivers.isEmpty() && route.receiver() == null) {
            s.problem("route.receiver", "is required once receivers are defined (the default receiver)");
        }
        List<InhibitRule> inhibit = s.has("inhibitRules") ? inhibitRules(s) : InhibitRule.defaults();
        if (!s.has("inhibitRules")) {
            s.sections("inhibitRules");
        }
        ConfigReader http = s.section("http");
        String host = http.string("host", "127.0.0.1");
        int port = (int) http.integer("port", 9095, 0, 65535);
        ResyncConfig resync = ResyncConfig.read(s.section("resync"));
        Duration nflogRetention = s.section("nflog").duration("retention", Duration.ofDays(5), Duration.ofHours(1),
                Duration.ofDays(365));
        Duration silenceRetention = s.section("silences").duration("retention", Duration.ofDays(5), Duration.ofHours(1),
                Duration.ofDays(365));
        String externalUrl = s.matching("externalUrl", Pattern.compile("https?://\\S+"), "an http(s) URL", null, false);
        return new AlertingConfig(id, route, receivers, inhibit, host, port, resync, nflogRetention, silenceRetention,
                externalUrl);
    }

    private static List<InhibitRule> inhibitRules(ConfigReader s) {
        List<InhibitRule> rules = new ArrayList<>();
        for (ConfigReader rule : s.sections("inhibitRules")) {
            List<Matcher> source = matchers(rule, "sourceMatchers");
            List<Matcher> target = matchers(rule, "targetMatchers");
            if (source.isEmpty() || target.isEmpty()) {
                rule.problem(source.isEmpty() ? "sourceMatchers" : "targetMatchers", "needs at least one matcher");
            }
            rules.add(new InhibitRule(source, target, rule.strings("equal")));
        }
        return rules;
    }

    private static List<Matcher> matchers(ConfigReader s, String key) {
        List<Matcher> result = new ArrayList<>();
        for (String text : s.strings(key)) {
            try {
                result.add(Matcher.parse(text));
            } catch (IllegalArgumentException e) {
                s.problem(key, e.getMessage());
            }
        }
        return result;
    }
}
