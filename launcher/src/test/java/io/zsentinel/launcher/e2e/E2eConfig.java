package io.zsentinel.launcher.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.zsentinel.testkit.lab.LabDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The end-to-end test's configuration file: the lab's first two nodes, two guests replicated
 * as fast as the calendar allows, short heartbeats and thresholds, short alerting group
 * timers, a webhook and a Zabbix receiver on loopback, and auto-resync for the lab's jobs.
 * Secrets come from the environment map the test passes to the launcher.
 */
public final class E2eConfig {
    public static final String CLUSTER = "lab";
    public static final String EXECUTOR_ID = "e2e-executor";
    public static final String ALERTING_ID = "e2e-alerting";
    public static final String COMMAND_SECRET_ENV = "E2E_COMMAND_SECRET";
    public static final String WEBHOOK_SECRET_ENV = "E2E_WEBHOOK_SECRET";
    /**
     * Every 20 s: the calendar parser takes seconds (HOURS:MINUTES:SECONDS), so `*:*:0/10` would
     * work too, but a run takes 3-10 s on the shared 2-core machine and the test needs idle gaps
     * between runs to break a chain or stop the executor without cutting a run in half.
     */
    public static final String SCHEDULE = "*:*:0/20";
    /** The executor's minimum RPO target. */
    public static final Duration RPO_TARGET = Duration.ofMinutes(1);
    /**
     * Heartbeat every 2 s, silent after 3 missed: 6 s of grace. (With 1 s x 3 the collector's
     * start-up, when Kafka Streams commits its first transactions, fired a false executor.silent.)
     */
    public static final Duration HEARTBEAT = Duration.ofSeconds(2);
    public static final int MISSED_HEARTBEATS = 3;
    public static final Duration PUNCTUATE = Duration.ofMillis(250);
    /**
     * Periodic inventories effectively off: each run and each resync report both inventories
     * themselves, so the chain states the test sees come from runs only. (A periodic inventory
     * runs on the worker pool beside a run of the same job and can report it half done; the
     * chain.broken flapping the test does see comes from the run's own event order. Both are in
     * the report to the lead.) The price: a broken chain is noticed by the next run, not sooner.
     */
    public static final Duration INVENTORY = Duration.ofMinutes(30);
    public static final Duration RESEND = Duration.ofSeconds(15);
    /**
     * No group wait: the auto-resync heals a broken chain in about a second here, and an episode that
     * resolves within group_wait is never notified (Alertmanager's rule); the test must see the
     * chain.broken webhook whatever the resync's speed. Grouping itself is tested in the alerting module.
     */
    public static final Duration GROUP_WAIT = Duration.ZERO;
    public static final Duration GROUP_INTERVAL = Duration.ofSeconds(3);

    private E2eConfig() {}

    /** A guest's first container disk on a node, as Proxmox names it. */
    public static String dataset(LabDescriptor.Node node, String vmid) {
        return (node.dataRoot() == null ? "rpool/data" : node.dataRoot()) + "/subvol-" + vmid + "-disk-0";
    }

    /** The lab's first node is the source, the second the target. */
    public static Map<String, Object> render(List<LabDescriptor.Node> labNodes, List<String> vmids, Path stateDir,
            Path kafkaDir, int kafkaPort, String webhookUrl, int zabbixPort) {
        LabDescriptor.Node source = labNodes.get(0);
        LabDescriptor.Node target = labNodes.get(1);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("stateDir", stateDir.toString());
        root.put("kafka", Map.of("dataDir", kafkaDir.toString(), "port", kafkaPort));

        Map<String, Object> executor = new LinkedHashMap<>();
        executor.put("id", EXECUTOR_ID);
        executor.put("cluster", CLUSTER);
        executor.put("timezone", "UTC");
        executor.put("maxTransfersPerNode", 2);
        executor.put("schedulerTick", "500ms");
        executor.put("heartbeatInterval", seconds(HEARTBEAT));
        executor.put("inventoryInterval", INVENTORY.toMinutes() + "m");
        executor.put("poolInterval", "10s");
        executor.put("commandSecret", Map.of("env", COMMAND_SECRET_ENV));
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (LabDescriptor.Node n : List.of(source, target)) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("name", n.name());
            node.put("host", n.host());
            node.put("port", n.port());
            node.put("user", n.user());
            node.put("privateKey", n.privateKey().toString());
            node.put("hostKeyFingerprint", n.hostKeyFingerprint());
            nodes.add(node);
        }
        executor.put("nodes", nodes);
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (String vmid : vmids) {
            Map<String, Object> job = new LinkedHashMap<>();
            job.put("id", vmid + "-0");
            job.put("source", source.name());
            job.put("target", target.name());
            job.put("datasets", List.of(dataset(source, vmid)));
            job.put("schedule", SCHEDULE);
            job.put("rpoTarget", seconds(RPO_TARGET));
            jobs.add(job);
        }
        executor.put("jobs", jobs);
        root.put("executor", executor);

        Map<String, Object> collector = new LinkedHashMap<>();
        collector.put("http", Map.of("host", "127.0.0.1", "port", 0));
        collector.put("punctuate", PUNCTUATE.toMillis() + "ms");
        collector.put("refreshInterval", "2s");
        collector.put("silence", Map.of("missedHeartbeats", MISSED_HEARTBEATS));
        collector.put("findings", Map.of("resendInterval", seconds(RESEND)));
        root.put("collector", collector);

        Map<String, Object> route = new LinkedHashMap<>();
        route.put("receiver", "hook");
        route.put("groupBy", List.of("alertname", "cluster"));
        route.put("groupWait", seconds(GROUP_WAIT));
        route.put("groupInterval", seconds(GROUP_INTERVAL));
        route.put("repeatInterval", "1h");
        route.put("routes", List.of(
                Map.of("matchers", List.of("alertname =~ \".+\""), "receiver", "zabbix", "continue", true),
                Map.of("matchers", List.of("alertname =~ \".+\""), "receiver", "hook")));
        Map<String, Object> hook = new LinkedHashMap<>();
        hook.put("url", webhookUrl);
        hook.put("secret", Map.of("env", WEBHOOK_SECRET_ENV));
        hook.put("payload", "zsentinel");
        hook.put("sendResolved", true);
        hook.put("timeout", "5s");
        hook.put("maxAttempts", 3);
        hook.put("backoff", "200ms");
        Map<String, Object> zabbix = new LinkedHashMap<>();
        zabbix.put("server", "127.0.0.1");
        zabbix.put("port", zabbixPort);
        zabbix.put("hostBy", "cluster");
        zabbix.put("sendInterval", "5s");
        zabbix.put("discoveryInterval", "10s");
        zabbix.put("timeout", "5s");
        Map<String, Object> resync = new LinkedHashMap<>();
        resync.put("enabled", true);
        resync.put("jobs", List.of(CLUSTER + "/*"));
        resync.put("coolDown", "1m");
        resync.put("maxConcurrent", 1);
        resync.put("secret", Map.of("env", COMMAND_SECRET_ENV));
        Map<String, Object> alerting = new LinkedHashMap<>();
        alerting.put("id", ALERTING_ID);
        alerting.put("http", Map.of("host", "127.0.0.1", "port", 0));
        alerting.put("route", route);
        alerting.put("receivers", Map.of("hook", Map.of("webhook", hook), "zabbix", Map.of("zabbix", zabbix)));
        alerting.put("resync", resync);
        root.put("alerting", alerting);
        return root;
    }

    public static Path write(Map<String, Object> config, Path file) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Files.writeString(file, yaml.writeValueAsString(config));
        return file;
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + "s";
    }
}
