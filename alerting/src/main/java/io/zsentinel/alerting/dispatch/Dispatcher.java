package io.zsentinel.alerting.dispatch;

import io.zsentinel.alerting.inhibit.Inhibitor;
import io.zsentinel.alerting.model.Alert;
import io.zsentinel.alerting.notify.Stage;
import io.zsentinel.alerting.route.Route;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Routes each alert into its aggregation groups (one per matched route and group labels)
 * and lets the groups flush on their timers. Call only on the {@link Scheduler}'s thread.
 */
public final class Dispatcher {
    private final Route root;
    private final Function<String, Stage> pipelines;
    private final Scheduler scheduler;
    private final Inhibitor inhibitor;
    private final Map<String, AggregationGroup> groups = new HashMap<>();

    /** @param pipelines receiver name -> its notification pipeline (null: not notified) */
    public Dispatcher(Route root, Function<String, Stage> pipelines, Scheduler scheduler, Inhibitor inhibitor) {
        this.root = root;
        this.pipelines = pipelines;
        this.scheduler = scheduler;
        this.inhibitor = inhibitor;
    }

    public void ingest(Alert alert, Settlement settlement) {
        inhibitor.observe(alert);
        for (Route route : root.match(alert.matchLabels())) {
            Map<String, String> groupLabels = route.groupLabels(alert.labels());
            String key = route.groupKey(groupLabels);
            AggregationGroup group = groups.get(key);
            if (group == null) {
                group = new AggregationGroup(
                        key,
                        route,
                        groupLabels,
                        route.receiver() == null ? null : pipelines.apply(route.receiver()),
                        scheduler,
                        () -> groups.remove(key));
                groups.put(key, group);
            }
            group.add(alert, settlement);
        }
        settlement.release();
    }

    /** Group key -> alerts in it (for tests and the status endpoint). */
    public Map<String, Map<String, Alert>> groups() {
        Map<String, Map<String, Alert>> result = new LinkedHashMap<>();
        groups.forEach((k, g) -> result.put(k, Map.copyOf(g.alerts())));
        return result;
    }

    public void stop() {
        groups.values().forEach(AggregationGroup::cancel);
        groups.clear();
    }
}
