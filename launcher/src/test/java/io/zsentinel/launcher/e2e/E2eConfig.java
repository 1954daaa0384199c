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
import java.util.Objects;

/**
 * The end-to-end tests' configuration file: lab nodes, guests replicated as fast as the
 * calendar allows, short heartbeats and thresholds, short alerting group timers, a webhook and a
 * Zabbix receiver on loopback, and auto-resync for the lab's jobs. Secrets come from the
 * environment map the test passes to the launcher. {@link #render(List, List, Path, Path, int,
 * String, int)} is EndToEndTest's file; {@link Spec} is what another test changes in it.
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

    /**
     * One replication job: the guest's first disk from {@code source} to {@code target} (same
     * dataset name on both), at most {@code rateMBps} MB/s (0 = unlimited).
     */
    public record Job(
            String vmid, LabDescriptor.Node source, LabDescriptor.Node target, String schedule, double rateMBps) {
        public Job {
            Objects.requireNonNull(vmid);
            Objects.requireNonNull(source);
            Objects.requireNonNull(target);
            Objects.requireNonNull(schedule);
        }

        /** The pvesr job id, {@code <vmid>-0}. */
        public String id() {
            return vmid + "-0";
        }

        /** The job key, {@code lab/<vmid>-0}. */
        public String key() {
            return CLUSTER + "/" + id();
        }

        public String dataset() {
            return E2eConfig.dataset(source, vmid);
        }
    }

    /**
     * What differs between the tests that render this file, with EndToEndTest's values as the
     * defaults. {@code kafka} is the top-level section as written: an embedded broker's
     * {@code dataDir}/{@code port}, or an external {@code bootstrap} and {@code topicPrefix}.
     * Fluent and mutable; {@link #copy} before changing a spec another file was rendered from.
     */
    public static final class Spec {
        private Path stateDir;
        private Map<String, Object> kafka;
        private String webhookUrl;
        private int zabbixPort;
        private String executorId = EXECUTOR_ID;
        private List<Job> jobs = List.of();
        private Duration heartbeat = HEARTBEAT;
        private Duration inventory = INVENTORY;
        private Duration poolInterval = Duration.ofSeconds(10);
        private int maxTransfersPerNode = 2;
        private String collectorApplicationId;
        private int maxConcurrentResyncs = 1;
        private List<String> groupBy = List.of("alertname", "cluster");

        public Spec(Path stateDir, Map<String, Object> kafka, String webhookUrl, int zabbixPort) {
            this.stateDir = stateDir;
            this.kafka = Map.copyOf(kafka);
            this.webhookUrl = webhookUrl;
            this.zabbixPort = zabbixPort;
        }

        public Spec copy() {
            Spec c = new Spec(stateDir, kafka, webhookUrl, zabbixPort);
            c.executorId = executorId;
            c.jobs = jobs;
            c.heartbeat = heartbeat;
            c.inventory = inventory;
            c.poolInterval = poolInterval;
            c.maxTransfersPerNode = maxTransfersPerNode;
            c.collectorApplicationId = collectorApplicationId;
            c.maxConcurrentResyncs = maxConcurrentResyncs;
            c.groupBy = groupBy;
            return c;
        }

        /** The executor's id and the jobs it owns; its nodes are those the jobs name. */
        public Spec executor(String id, List<Job> ownedJobs) {
            this.executorId = id;
            this.jobs = List.copyOf(ownedJobs);
            return this;
        }

        public Spec stateDir(Path dir) {
            this.stateDir = dir;
            return this;
        }

        public Spec heartbeat(Duration every) {
            this.heartbeat = every;
            return this;
        }

        public Spec inventory(Duration every) {
            this.inventory = every;
            return this;
        }

        public Spec poolInterval(Duration every) {
            this.poolInterval = every;
            return this;
        }

        public Spec maxTransfersPerNode(int n) {
            this.maxTransfersPerNode = n;
            return this;
        }

        /** Kafka Streams' application id (its group and internal topics), when the broker is shared. */
        public Spec collectorApplicationId(String id) {
            this.collectorApplicationId = id;
            return this;
        }

        public Spec maxConcurrentResyncs(int n) {
            this.maxConcurrentResyncs = n;
            return this;
        }

        /**
         * The alerting route's group_by. With the default (alertname, cluster) jobs share a group, so a
         * second job's alert waits for the group's next interval and one that resolves before it is
         * never notified (Alertmanager's rule); tests whose jobs must not affect each other group by job.
         */
        public Spec groupBy(List<String> labels) {
            this.groupBy = List.copyOf(labels);
            return this;
        }

        public List<Job> jobs() {
            return jobs;
        }

        public Duration inventory() {
            return inventory;
        }
    }

    /** EndToEndTest's file: the lab's first node is the source, the second the target, an embedded broker. */
    public static Map<String, Object> render(
            List<LabDescriptor.Node> labNodes,
            List<String> vmids,
            Path stateDir,
            Path kafkaDir,
            int kafkaPort,
            String webhookUrl,
            int zabbixPort) {
        LabDescriptor.Node source = labNodes.get(0);
        LabDescriptor.Node target = labNodes.get(1);
        List<Job> jobs =
                vmids.stream().map(v -> new Job(v, source, target, SCHEDULE, 0)).toList();
        Spec spec = new Spec(
                        stateDir, Map.of("dataDir", kafkaDir.toString(), "port", kafkaPort), webhookUrl, zabbixPort)
                .executor(EXECUTOR_ID, jobs);
        return render(spec);
    }

    /** The whole file: executor, collector and alerting. */
    public static Map<String, Object> render(Spec spec) {
        Map<String, Object> root = executorOnly(spec);
        root.put("collector", collector(spec));
        root.put("alerting", alerting(spec));
        return root;
    }

    /**
     * A file for an executor of its own (another process): the collector and alerting sections
     * are left out (their defaults are read and not used), so it needs no webhook secret.
     */
    public static Map<String, Object> executorOnly(Spec spec) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("stateDir", spec.stateDir.toString());
        root.put("kafka", spec.kafka);
        root.put("executor", executor(spec));
        return root;
    }

    private static Map<String, Object> executor(Spec spec) {
        Map<String, Object> executor = new LinkedHashMap<>();
        executor.put("id", spec.executorId);
        executor.put("cluster", CLUSTER);
        executor.put("timezone", "UTC");
        executor.put("maxTransfersPerNode", spec.maxTransfersPerNode);
        executor.put("schedulerTick", "500ms");
        executor.put("heartbeatInterval", duration(spec.heartbeat));
        executor.put("inventoryInterval", duration(spec.inventory));
        executor.put("poolInterval", duration(spec.poolInterval));
        executor.put("commandSecret", Map.of("env", COMMAND_SECRET_ENV));
        Map<String, LabDescriptor.Node> byName = new LinkedHashMap<>();
        for (Job j : spec.jobs) {
            byName.putIfAbsent(j.source().name(), j.source());
            byName.putIfAbsent(j.target().name(), j.target());
        }
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (LabDescriptor.Node n : byName.values()) {
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
        for (Job j : spec.jobs) {
            Map<String, Object> job = new LinkedHashMap<>();
            job.put("id", j.id());
            job.put("source", j.source().name());
            job.put("target", j.target().name());
            job.put("datasets", List.of(j.dataset()));
            job.put("schedule", j.schedule());
            job.put("rpoTarget", duration(RPO_TARGET));
            if (j.rateMBps() > 0) {
                job.put("rate", j.rateMBps());
            }
            jobs.add(job);
        }
        executor.put("jobs", jobs);
        return executor;
    }

    private static Map<String, Object> collector(Spec spec) {
        Map<String, Object> collector = new LinkedHashMap<>();
        if (spec.collectorApplicationId != null) {
            collector.put("applicationId", spec.collectorApplicationId);
        }
        collector.put("http", Map.of("host", "127.0.0.1", "port", 0));
        collector.put("punctuate", PUNCTUATE.toMillis() + "ms");
        collector.put("refreshInterval", "2s");
        collector.put("silence", Map.of("missedHeartbeats", MISSED_HEARTBEATS));
        collector.put("findings", Map.of("resendInterval", duration(RESEND)));
        return collector;
    }

    private static Map<String, Object> alerting(Spec spec) {
        Map<String, Object> route = new LinkedHashMap<>();
        route.put("receiver", "hook");
        route.put("groupBy", spec.groupBy);
        route.put("groupWait", duration(GROUP_WAIT));
        route.put("groupInterval", duration(GROUP_INTERVAL));
        route.put("repeatInterval", "1h");
        route.put(
                "routes",
                List.of(
                        Map.of("matchers", List.of("alertname =~ \".+\""), "receiver", "zabbix", "continue", true),
                        Map.of("matchers", List.of("alertname =~ \".+\""), "receiver", "hook")));
        Map<String, Object> hook = new LinkedHashMap<>();
        hook.put("url", spec.webhookUrl);
        hook.put("secret", Map.of("env", WEBHOOK_SECRET_ENV));
        hook.put("payload", "zsentinel");
        hook.put("sendResolved", true);
        hook.put("timeout", "5s");
        hook.put("maxAttempts", 3);
        hook.put("backoff", "200ms");
        Map<String, Object> zabbix = new LinkedHashMap<>();
        zabbix.put("server", "127.0.0.1");
        zabbix.put("port", spec.zabbixPort);
        zabbix.put("hostBy", "cluster");
        zabbix.put("sendInterval", "5s");
        zabbix.put("discoveryInterval", "10s");
        zabbix.put("timeout", "5s");
        Map<String, Object> resync = new LinkedHashMap<>();
        resync.put("enabled", true);
        resync.put("jobs", List.of(CLUSTER + "/*"));
        resync.put("coolDown", "1m");
        resync.put("maxConcurrent", spec.maxConcurrentResyncs);
        resync.put("secret", Map.of("env", COMMAND_SECRET_ENV));
        Map<String, Object> alerting = new LinkedHashMap<>();
        alerting.put("id", ALERTING_ID);
        alerting.put("http", Map.of("host", "127.0.0.1", "port", 0));
        alerting.put("route", route);
        alerting.put("receivers", Map.of("hook", Map.of("webhook", hook), "zabbix", Map.of("zabbix", zabbix)));
        alerting.put("resync", resync);
        return alerting;
    }

    public static Path write(Map<String, Object> config, Path file) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Files.writeString(file, yaml.writeValueAsString(config));
        return file;
    }

    /** Whole seconds where they are, else milliseconds (the config's duration syntax has both). */
    private static String duration(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
