package io.zsentinel.alerting.config;

import io.zsentinel.alerting.model.Matcher;
import io.zsentinel.alerting.route.Route;
import io.zsentinel.common.config.ConfigReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads {@code alerting.route}: the routing tree; children inherit what they do not set. */
final class RouteReader {
    static final Duration GROUP_WAIT = Duration.ofSeconds(30);
    static final Duration GROUP_INTERVAL = Duration.ofMinutes(5);
    static final Duration REPEAT_INTERVAL = Duration.ofHours(4);
    private static final List<String> DEFAULT_GROUP_BY = List.of("alertname", "cluster");

    private RouteReader() {}

    static Route read(ConfigReader section, Set<String> receivers) {
        Route defaults = new Route("", List.of(), null, Set.copyOf(DEFAULT_GROUP_BY), false, GROUP_WAIT, GROUP_INTERVAL,
                REPEAT_INTERVAL, false, List.of());
        Route root = read(section, receivers, defaults, "", true);
        return root;
    }

    private static Route read(ConfigReader s, Set<String> receivers, Route parent, String id, boolean isRoot) {
        List<Matcher> matchers = new ArrayList<>();
        for (String text : s.strings("matchers")) {
            try {
                matchers.add(Matcher.parse(text));
            } catch (IllegalArgumentException e) {
                s.problem("matchers", e.getMessage());
            }
        }
        if (isRoot && !matchers.isEmpty()) {
            s.problem("matchers", "the root route matches every alert; put matchers on child routes");
        }
        String receiver = s.string("receiver").orElse(parent.receiver());
        if (receiver != null && !receivers.contains(receiver)) {
            s.problem("receiver", "'" + receiver + "' is not defined under alerting.receivers " + receivers);
        }
        Set<String> groupBy = parent.groupBy();
        boolean all = parent.allLabels();
        if (s.has("groupBy")) {
            List<String> names = s.strings("groupBy");
            all = names.contains("...");
            if (all && names.size() > 1) {
                s.problem("groupBy", "'...' (group by all labels) must stand alone");
            }
            groupBy = all ? Set.of() : new LinkedHashSet<>(names);
        }
        Duration wait = s.duration("groupWait", parent.groupWait(), Duration.ZERO, Duration.ofHours(1));
        Duration interval = s.duration("groupInterval", parent.groupInterval(), Duration.ofSeconds(1), Duration.ofDays(1));
        Duration repeat = s.duration("repeatInterval", parent.repeatInterval(), Duration.ofSeconds(1), Duration.ofDays(30));
        if (repeat.compareTo(interval) < 0) {
            s.problem("repeatInterval", "must not be shorter than groupInterval (" + interval + ")");
        }
        boolean cont = s.bool("continue", false);
        if (isRoot && cont) {
            s.problem("continue", "has no meaning on the root route");
        }
        Route self = new Route(id, matchers, receiver, groupBy, all, wait, interval, repeat, cont, List.of());
        List<Route> children = new ArrayList<>();
        List<ConfigReader> childSections = s.sections("routes");
        for (int i = 0; i < childSections.size(); i++) {
            ConfigReader child = childSections.get(i);
            List<Matcher> childMatchers = new ArrayList<>();
            for (String text : child.strings("matchers")) {
                try {
                    childMatchers.add(Matcher.parse(text));
                } catch (IllegalArgumentException ignored) {
                    // reported when the child is read
                }
            }
            children.add(read(child, receivers, self, Route.childId(id, i, childMatchers), false));
        }
        return new Route(id, matchers, receiver, groupBy, all, wait, interval, repeat, cont, children);
    }
}
