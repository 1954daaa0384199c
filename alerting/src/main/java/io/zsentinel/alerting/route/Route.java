package io.zsentinel.alerting.route;

import io.zsentinel.alerting.model.Matcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One node of the routing tree (Alertmanager's semantics): an alert descends into the first
 * child whose matchers match, and further siblings only while the matched child says
 * {@code continue}; a node none of whose children match takes the alert itself. Children
 * inherit every option they do not set (done when the tree is built from config).
 *
 * @param id stable path of matchers from the root; part of every group key
 * @param receiver null: alerts routed here are not notified (e.g. only the resync policy acts)
 * @param groupBy label names; {@code allLabels} groups by every label ({@code ['...']})
 */
public record Route(
        String id,
        List<Matcher> matchers,
        String receiver,
        Set<String> groupBy,
        boolean allLabels,
        Duration groupWait,
        Duration groupInterval,
        Duration repeatInterval,
        boolean continueMatching,
        List<Route> children) {

    public Route {
        matchers = List.copyOf(matchers);
        groupBy = Set.copyOf(groupBy);
        children = List.copyOf(children);
    }

    /** The routes an alert with these labels is notified through (never empty for the root). */
    public List<Route> match(Map<String, String> labels) {
        if (!Matcher.all(matchers, labels)) {
            return List.of();
        }
        List<Route> result = new ArrayList<>();
        for (Route child : children) {
            List<Route> matched = child.match(labels);
            if (!matched.isEmpty()) {
                result.addAll(matched);
                if (!child.continueMatching) {
                    break;
                }
            }
        }
        if (result.isEmpty()) {
            result.add(this);
        }
        return result;
    }

    /** The labels this route groups an alert by. */
    public Map<String, String> groupLabels(Map<String, String> labels) {
        Map<String, String> result = new TreeMap<>();
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (allLabels || groupBy.contains(label.getKey())) {
                result.put(label.getKey(), label.getValue());
            }
        }
        return result;
    }

    /** Alertmanager-style group key: {@code <route id>:{name="value",...}}; also the nflog key. */
    public String groupKey(Map<String, String> groupLabels) {
        return id + ":"
                + groupLabels.entrySet().stream()
                        .map(e -> e.getKey() + "=\"" + e.getValue().replace("\"", "\\\"") + "\"")
                        .collect(Collectors.joining(",", "{", "}"));
    }

    /** A child's id: the parent's, its matchers and its index (so two equal siblings differ). */
    public static String childId(String parentId, int index, List<Matcher> matchers) {
        return parentId + "/" + index
                + matchers.stream().map(Matcher::toString).collect(Collectors.joining(",", "{", "}"));
    }
}
