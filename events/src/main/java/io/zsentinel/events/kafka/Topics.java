package io.zsentinel.events.kafka;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The topic names of one zsentinel installation. The prefix (default {@code zsentinel}) lets
 * several installations share a cluster.
 */
public record Topics(String prefix) {
    public static final String DEFAULT_PREFIX = "zsentinel";
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,100}");

    public Topics {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException(
                    "invalid topic prefix '" + prefix + "': letters, digits, '.', '_', '-', at most 101");
        }
    }

    public static Topics defaults() {
        return new Topics(DEFAULT_PREFIX);
    }

    /** Facts from the executors; key = job key or pool key. */
    public String events() {
        return prefix + ".events";
    }

    /** Signed commands to executors; key = job key. */
    public String commands() {
        return prefix + ".commands";
    }

    /** Findings in their lifecycle; key = finding fingerprint. */
    public String findings() {
        return prefix + ".findings";
    }

    /** Latest status per job, compacted; key = job key. */
    public String state() {
        return prefix + ".state";
    }

    /** Who triggered what, and every notification attempt. */
    public String audit() {
        return prefix + ".audit";
    }

    /** Records that could not be read, the reason in headers. */
    public String dlq() {
        return prefix + ".dlq";
    }

    /** Alerting's notification log, compacted; key = group key + receiver. */
    public String notificationLog() {
        return prefix + ".nflog";
    }

    /** Alerting's silences, compacted; key = silence id. */
    public String silences() {
        return prefix + ".silences";
    }

    /** Every topic with the settings it is created with. */
    public List<TopicSpec> all() {
        Map<String, String> compacted = Map.of("cleanup.policy", "compact");
        return List.of(
                new TopicSpec(events(), Map.of()),
                new TopicSpec(commands(), Map.of()),
                new TopicSpec(findings(), Map.of()),
                new TopicSpec(state(), compacted),
                new TopicSpec(audit(), Map.of()),
                new TopicSpec(dlq(), Map.of()),
                new TopicSpec(notificationLog(), compacted),
                new TopicSpec(silences(), compacted));
    }

    public record TopicSpec(String name, Map<String, String> config) {}
}
