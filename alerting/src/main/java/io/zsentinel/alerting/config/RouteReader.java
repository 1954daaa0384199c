package io.zsentinel.alerting.config;

import static io.zsentinel.alerting.config.AlertingKeys.*;

import io.zsentinel.alerting.model.Matcher;
import io.zsentinel.alerting.route.Route;
import io.zsentinel.common.config.ConfigReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads {@code alerting.route} through {@link AlertingKeys}: the routing tree; children inherit what they do not set. */
final class RouteReader {
    private RouteReader() {}

    static Route read(ConfigReader section, Set<String> receivers) {
        Route defaults = new Route(
                "",
                List.of(),
                null,
                Set.copyOf(ROUTE_GROUP_BY.defaultValue()),
                false,
                ROUTE_GROUP_WAIT.defaultValue(),
                ROUTE_GROUP_INTERVAL.defaultValue(),
                ROUTE_REPEAT_INTERVAL.defaultValue(),
                false,
                List.of());
        return read(section, receivers, defaults, "", true);
    }

    /** A route; what it does not set is its parent's (the declared defaults for the root). */
    private static Route read(ConfigReader s, Set<String> receivers, Route parent, String id, boolean isRoot) {
        List<Matcher> matchers = AlertingSections.matchers(s, ROUTE_MATCHERS);
        if (isRoot && !matchers.isEmpty()) {
            s.problem(ROUTE_MATCHERS.child(), "the root route matches every alert; put matchers on child routes");
        }
        String receiver =
                ROUTE_RECEIVER.readOr(s, Optional.ofNullable(parent.receiver())).orElse(null);
        if (receiver != null && !receivers.contains(receiver)) {
            s.problem(
                    ROUTE_RECEIVER.child(), "'" + receiver + "' is not defined under alerting.receivers " + receivers);
        }
        Set<String> groupBy = parent.groupBy();
        boolean all = parent.allLabels();
        if (s.has(ROUTE_GROUP_BY.child())) {
            List<String> names = ROUTE_GROUP_BY.read(s);
            all = names.contains("...");
            if (all && names.size() > 1) {
                s.problem(ROUTE_GROUP_BY.child(), "'...' (group by all labels) must stand alone");
            }
            groupBy = all ? Set.of() : new LinkedHashSet<>(names);
        }
        Duration wait = ROUTE_GROUP_WAIT.readOr(s, parent.groupWait());
        Duration interval = ROUTE_GROUP_INTERVAL.readOr(s, parent.groupInterval());
        Duration repeat = ROUTE_REPEAT_INTERVAL.readOr(s, parent.repeatInterval());
        if (repeat.compareTo(interval) < 0) {
            s.problem(ROUTE_REPEAT_INTERVAL.child(), "must not be shorter than groupInterval (" + interval + ")");
        }
        boolean cont = ROUTE_CONTINUE.read(s);
        if (isRoot && cont) {
            s.problem(ROUTE_CONTINUE.child(), "has no meaning on the root route");
        }
        Route self = new Route(id, matchers, receiver, groupBy, all, wait, interval, repeat, cont, List.of());
        List<Route> children = new ArrayList<>();
        List<ConfigReader> childSections = ROUTE_ROUTES.read(s);
        for (int i = 0; i < childSections.size(); i++) {
            ConfigReader child = childSections.get(i);
            List<Matcher> childMatchers = new ArrayList<>();
            for (String text : ROUTE_MATCHERS.read(child)) {
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
