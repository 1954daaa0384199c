package io.zsentinel.alerting.config;

import io.zsentinel.common.config.ConfigKey;
import io.zsentinel.common.config.ConfigReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every key of the {@code alerting:} section, declared once: the top level, the route and the
 * inhibit rules here, the receivers in {@link ReceiverKeys}, the resync policy in
 * {@link ResyncKeys}. {@link #ALL} is the order of the keys table in
 * {@code alerting/docs/config-alerting.md}, which AlertingConfigDocsTest checks.
 */
public final class AlertingKeys {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

    public static final ConfigKey<String> ID = ConfigKey.matching(
                    "id", NAME, "an instance name (letters, digits, '_', '.', '-')", "alerting")
            .describedAs("instance name; command `issuedBy` is `alerting/<id>`, event source "
                    + "`zsentinel://alerting/<id>`, consumer group `<prefix>.alerting.<id>` (a static member whose "
                    + "`group.instance.id` is kept in `<stateDir>/alerting-<id>.instance-id`: restarted after a crash, "
                    + "it reads findings at once instead of after its dead self's 45 s session)");
    public static final ConfigKey<String> EXTERNAL_URL = ConfigKey.matching(
                    "externalUrl", Pattern.compile("https?://\\S+"), "an http(s) URL", null)
            .describedAs("link put in payloads (`externalURL`, `generatorURL`)");
    public static final ConfigKey<String> HTTP_HOST = ConfigKey.string("http.host", "127.0.0.1")
            .describedAs("listen address of the silences API and `/metrics`, `/health/live`, `/health/ready`. The "
                    + "API has no authentication: keep it on loopback or behind a proxy");
    public static final ConfigKey<Integer> HTTP_PORT =
            ConfigKey.integer("http.port", 9095, 0, 65535).describedAs("its port; `0` = a free port");

    public static final ConfigKey<Optional<String>> ROUTE_RECEIVER = ConfigKey.optionalString("route.receiver")
            .describedAs("receiver of alerts no child route takes; required once receivers are defined; with no "
                    + "receivers at all, findings are only used by the resync policy");
    public static final ConfigKey<List<String>> ROUTE_GROUP_BY = ConfigKey.strings(
                    "route.groupBy", List.of("alertname", "cluster"))
            .describedAs("labels that make a group; `['...']` = all labels (no grouping)");
    public static final ConfigKey<Duration> ROUTE_GROUP_WAIT = ConfigKey.duration(
                    "route.groupWait", Duration.ofSeconds(30), Duration.ZERO, Duration.ofHours(1))
            .shownAs("`30s` (0 .. 1h)")
            .describedAs("wait before the first notification of a new group; a finding older than that (e.g. "
                    + "re-read after a restart) is not held again");
    public static final ConfigKey<Duration> ROUTE_GROUP_INTERVAL = ConfigKey.duration(
                    "route.groupInterval", Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofDays(1))
            .shownAs("`5m` (1s .. 1d)")
            .describedAs("wait before notifying changes of a group");
    public static final ConfigKey<Duration> ROUTE_REPEAT_INTERVAL = ConfigKey.duration(
                    "route.repeatInterval", Duration.ofHours(4), Duration.ofSeconds(1), Duration.ofDays(30))
            .shownAs("`4h` (>= groupInterval)")
            .describedAs("re-send an unchanged firing group");
    public static final ConfigKey<List<String>> ROUTE_MATCHERS = ConfigKey.strings("route.matchers", List.of())
            .describedAs("`name op \"value\"`, op `=`, `!=`, `=~`, `!~` (regexes anchored); not on the root. "
                    + "Matchers (also of inhibit rules and silences) see the finding's labels plus `severity`; "
                    + "grouping uses the labels only");
    public static final ConfigKey<Boolean> ROUTE_CONTINUE = ConfigKey.bool("route.continue", false)
            .describedAs("after this route matched, try the next siblings too; not on the root");
    public static final ConfigKey<List<ConfigReader>> ROUTE_ROUTES = ConfigKey.sections("route.routes")
            .describedAs("child routes, with the keys of `route`; they inherit every option they do not set");

    public static final ConfigKey<List<ConfigReader>> INHIBIT_RULES = ConfigKey.sections("inhibitRules")
            .shownAs("the two defaults of the example")
            .describedAs("a firing source alert mutes target alerts with equal values of the `equal` labels; "
                    + "`[]` disables inhibition");
    public static final ConfigKey<List<String>> INHIBIT_SOURCE_MATCHERS = ConfigKey.strings(
                    "inhibitRules[].sourceMatchers", List.of())
            .shownAs("required")
            .describedAs("matchers of the source (muting) alert, at least one");
    public static final ConfigKey<List<String>> INHIBIT_TARGET_MATCHERS = ConfigKey.strings(
                    "inhibitRules[].targetMatchers", List.of())
            .shownAs("required")
            .describedAs("matchers of the target (muted) alerts, at least one");
    public static final ConfigKey<List<String>> INHIBIT_EQUAL = ConfigKey.strings("inhibitRules[].equal", List.of())
            .describedAs("labels whose values must be equal in source and target (missing = empty)");

    public static final ConfigKey<Duration> NFLOG_RETENTION = ConfigKey.duration(
                    "nflog.retention", Duration.ofDays(5), Duration.ofHours(1), Duration.ofDays(365))
            .describedAs("notification log entries older than this are forgotten");
    public static final ConfigKey<Duration> SILENCES_RETENTION = ConfigKey.duration(
                    "silences.retention", Duration.ofDays(5), Duration.ofHours(1), Duration.ofDays(365))
            .describedAs("expired silences are kept (listed) this long");

    /** The docs table's order. */
    public static final List<ConfigKey<?>> ALL = all();

    private AlertingKeys() {}

    private static List<ConfigKey<?>> all() {
        List<ConfigKey<?>> all = new ArrayList<>(List.of(
                ID,
                EXTERNAL_URL,
                HTTP_HOST,
                HTTP_PORT,
                ROUTE_RECEIVER,
                ROUTE_GROUP_BY,
                ROUTE_GROUP_WAIT,
                ROUTE_GROUP_INTERVAL,
                ROUTE_REPEAT_INTERVAL,
                ROUTE_MATCHERS,
                ROUTE_CONTINUE,
                ROUTE_ROUTES));
        all.addAll(ReceiverKeys.ALL);
        all.addAll(List.of(
                INHIBIT_RULES,
                INHIBIT_SOURCE_MATCHERS,
                INHIBIT_TARGET_MATCHERS,
                INHIBIT_EQUAL,
                NFLOG_RETENTION,
                SILENCES_RETENTION));
        all.addAll(ResyncKeys.ALL);
        return List.copyOf(all);
    }
}
