package io.zsentinel.alerting.inhibit;

import io.zsentinel.alerting.model.Alert;
import io.zsentinel.alerting.model.Matcher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Knows every alert currently firing (across all groups) and answers whether an alert is
 * muted by one of them. Only touched on the dispatcher's thread. Sources are indexed per rule
 * by the values of the rule's {@code equal} labels, so a lookup costs O(rules), not O(alerts)
 * (a fleet can have thousands firing); {@link #inhibitedBy(List, Collection, Alert)} is the
 * plain definition the index must agree with.
 */
public final class Inhibitor {
    private final List<InhibitRule> rules;
    private final Map<String, Alert> firing = new LinkedHashMap<>();
    /** Per rule: equal-label values -> fingerprint -> firing source alert. */
    private final List<Map<List<String>, Map<String, Alert>>> sources = new ArrayList<>();

    public Inhibitor(List<InhibitRule> rules) {
        this.rules = List.copyOf(rules);
        this.rules.forEach(r -> sources.add(new HashMap<>()));
    }

    /** Keeps the view of firing alerts current. */
    public void observe(Alert alert) {
        Alert previous = alert.resolved() ? firing.remove(alert.fingerprint()) : firing.put(alert.fingerprint(), alert);
        for (int i = 0; i < rules.size(); i++) {
            InhibitRule rule = rules.get(i);
            Map<List<String>, Map<String, Alert>> index = sources.get(i);
            if (previous != null && Matcher.all(rule.source(), previous.matchLabels())) {
                List<String> key = key(rule, previous);
                Map<String, Alert> bucket = index.get(key);
                if (bucket != null) {
                    bucket.remove(previous.fingerprint());
                    if (bucket.isEmpty()) {
                        index.remove(key);
                    }
                }
            }
            if (!alert.resolved() && Matcher.all(rule.source(), alert.matchLabels())) {
                index.computeIfAbsent(key(rule, alert), k -> new LinkedHashMap<>())
                        .put(alert.fingerprint(), alert);
            }
        }
    }

    /** The alert that inhibits {@code target}, if any. */
    public Optional<Alert> inhibitedBy(Alert target) {
        for (int i = 0; i < rules.size(); i++) {
            InhibitRule rule = rules.get(i);
            if (!Matcher.all(rule.target(), target.matchLabels())) {
                continue;
            }
            Map<String, Alert> bucket = sources.get(i).get(key(rule, target));
            if (bucket != null) {
                for (Alert source : bucket.values()) {
                    if (!source.fingerprint().equals(target.fingerprint())) {
                        return Optional.of(source);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static List<String> key(InhibitRule rule, Alert alert) {
        List<String> key = new ArrayList<>(rule.equal().size());
        for (String name : rule.equal()) {
            key.add(alert.labels().getOrDefault(name, ""));
        }
        return key;
    }

    /** Pure form, for tests: does any of {@code sources} inhibit {@code target} under {@code rules}? */
    public static Optional<Alert> inhibitedBy(List<InhibitRule> rules, Collection<Alert> sources, Alert target) {
        for (InhibitRule rule : rules) {
            if (!Matcher.all(rule.target(), target.matchLabels())) {
                continue;
            }
            for (Alert source : sources) {
                if (source.resolved()
                        || source.fingerprint().equals(target.fingerprint())
                        || !Matcher.all(rule.source(), source.matchLabels())) {
                    continue;
                }
                if (equalLabels(rule.equal(), source, target)) {
                    return Optional.of(source);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean equalLabels(List<String> names, Alert a, Alert b) {
        for (String name : names) {
            if (!a.labels().getOrDefault(name, "").equals(b.labels().getOrDefault(name, ""))) {
                return false;
            }
        }
        return true;
    }
}
