package io.zsentinel.alerting.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.alerting.model.Matcher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteTest {
    private static Route route(String id, String receiver, boolean cont, List<Matcher> matchers, Route... children) {
        return new Route(
                id,
                matchers,
                receiver,
                Set.of("alertname", "cluster"),
                false,
                Duration.ZERO,
                Duration.ofMinutes(5),
                Duration.ofHours(4),
                cont,
                List.of(children));
    }

    private final Route critical = route("/0", "pager", true, List.of(Matcher.parse("severity = critical")));
    private final Route chain = route("/1", "zabbix", false, List.of(Matcher.parse("alertname =~ \"chain\\..*\"")));
    private final Route chainAgain = route("/2", "never", false, List.of(Matcher.parse("alertname = chain.broken")));
    private final Route root = route("", "default", false, List.of(), critical, chain, chainAgain);

    @Test
    void firstMatchingChildWinsUnlessItContinues() {
        assertThat(root.match(Map.of("alertname", "chain.broken", "severity", "critical")))
                .extracting(Route::receiver)
                .containsExactly("pager", "zabbix");
        assertThat(root.match(Map.of("alertname", "chain.broken", "severity", "warning")))
                .extracting(Route::receiver)
                .containsExactly("zabbix");
    }

    @Test
    void theRootTakesWhatNoChildMatches() {
        assertThat(root.match(Map.of("alertname", "space.low")))
                .extracting(Route::receiver)
                .containsExactly("default");
    }

    @Test
    void groupsByTheConfiguredLabelsOnly() {
        Map<String, String> labels = Map.of("alertname", "rpo.breached", "cluster", "lab", "job", "lab/101-0");
        assertThat(root.groupLabels(labels))
                .containsExactly(Map.entry("alertname", "rpo.breached"), Map.entry("cluster", "lab"));
        assertThat(root.groupKey(root.groupLabels(labels))).isEqualTo(":{alertname=\"rpo.breached\",cluster=\"lab\"}");
    }

    @Test
    void routesMatchOnSeverityButGroupOnLabelsOnly() {
        io.zsentinel.alerting.model.Alert alert =
                io.zsentinel.alerting.support.Alerts.firing("chain.broken", "cluster=lab");
        assertThat(alert.labels()).doesNotContainKey("severity");
        assertThat(root.match(alert.matchLabels())).extracting(Route::receiver).containsExactly("pager", "zabbix");
        assertThat(root.groupLabels(alert.labels())).doesNotContainKey("severity");
    }

    @Test
    void allLabelsGroupsEveryAlertAlone() {
        Route all = new Route(
                "", List.of(), "r", Set.of(), true, Duration.ZERO, Duration.ZERO, Duration.ZERO, false, List.of());
        assertThat(all.groupLabels(Map.of("a", "1", "b", "2"))).hasSize(2);
    }
}
