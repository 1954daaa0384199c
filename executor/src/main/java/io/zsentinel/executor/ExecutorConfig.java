package io.zsentinel.executor;

import io.zsentinel.common.config.ConfigReader;
import io.zsentinel.common.config.Secret;
import io.zsentinel.events.JobKey;
import io.zsentinel.events.PoolKey;
import io.zsentinel.executor.config.JobConfig;
import io.zsentinel.executor.config.NodeConfig;
import io.zsentinel.executor.calendar.CalendarEvent;
import io.zsentinel.remote.SshEndpoint;
import io.zsentinel.remote.ZfsNames;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code executor:} section (docs/config-executor.md). {@link #read} records every problem
 * in the reader, naming the key; the launcher's {@code finish()} throws them all at once.
 */
public record ExecutorConfig(
        String id,
        String cluster,
        ZoneId timezone,
        int maxTransfersPerNode,
        Duration schedulerTick,
        Duration heartbeatInterval,
        Duration inventoryInterval,
        Duration poolInterval,
        Duration connectTimeout,
        Optional<Path> spoolDir,
        long spoolMaxBytes,
        Optional<Secret> commandSecret,
        List<NodeConfig> nodes,
        List<JobConfig> jobs) {
    public static final String DEFAULT_SCHEDULE = "*/15";
    public static final Duration RPO_MARGIN = Duration.ofMinutes(5);

    /**
     * The executor's id, as the cluster name is written. Node, host, user and fingerprint use the
     * patterns of the modules that consume them ({@link PoolKey} for node names in the contract,
     * {@link SshEndpoint} for what reaches sshj), so what this accepts the services accept at start.
     */
    static final Pattern ID = JobKey.CLUSTER;

    public ExecutorConfig {
        nodes = List.copyOf(nodes);
        jobs = List.copyOf(jobs);
    }

    public static ExecutorConfig read(ConfigReader r) {
        String id = r.matching("id", ID, "an executor id (letters, digits, '_', '.', '-')", "executor-1", false);
        String cluster = r.matching("cluster", JobKey.CLUSTER,
                "a cluster name", "default", false);
        ZoneId zone = ZoneId.systemDefault();
        Optional<String> tz = r.string("timezone");
        if (tz.isPresent()) {
            try {
                zone = ZoneId.of(tz.get());
            } catch (DateTimeException e) {
                r.problem("timezone", "'" + tz.get() + "' is not a time zone (e.g. Europe/Berlin, UTC)");
            }
        }
        int maxTransfers = (int) r.integer("maxTransfersPerNode", 1, 1, 64);
        Duration tick = r.duration("schedulerTick", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(1));
        Duration heartbeat = r.duration("heartbeatInterval", Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofHours(1));
        Duration inventory = r.duration("inventoryInterval", Duration.ofMinutes(5), Duration.ofMillis(100), Duration.ofDays(1));
        Duration pool = r.duration("poolInterval", Duration.ofMinutes(5), Duration.ofMillis(100), Duration.ofDays(1));
        Duration connect = r.duration("connectTimeout", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(5));
        ConfigReader spool = r.section("spool");
        Optional<Path> spoolDir = spool.path("dir");
        long spoolMax = spool.integer("maxBytes", 256L << 20, 1L << 20, 1L << 40);
        Optional<Secret> secret = r.secret("commandSecret");
        secret.ifPresent(s -> {
            if (s.length() < 16) {
                r.problem("commandSecret", "must be at least 16 bytes (" + s + " has " + s.length() + ")");
            }
        });

        Map<String, NodeConfig> nodes = new LinkedHashMap<>();
        List<ConfigReader> nodeSections = r.sections("nodes");
        for (ConfigReader n : nodeSections) {
            NodeConfig node = readNode(n);
            if (node.name() != null && nodes.putIfAbsent(node.name(), node) != null) {
                n.problem("name", "node '" + node.name() + "' is defined twice");
            }
        }
        List<JobConfig> jobs = new ArrayList<>();
        Set<String> jobKeys = new HashSet<>();
        for (ConfigReader j : r.sections("jobs")) {
            readJob(j, cluster, nodes.keySet()).ifPresent(job -> {
                if (!jobKeys.add(job.key().toString())) {
                    j.problem("id", "job '" + job.key() + "' is defined twice");
                }
                jobs.add(job);
            });
        }
        return new ExecutorConfig(id, cluster, zone, maxTransfers, tick, heartbeat, inventory, pool, connect, spoolDir,
                spoolMax, secret, List.copyOf(nodes.values()), jobs);
    }

    private static NodeConfig readNode(ConfigReader n) {
        String name = n.matching("name", PoolKey.NODE, "a node name (host name label, e.g. pve1)", null, true);
        String host = n.matching("host", SshEndpoint.HOST, "a host name or IP address (no spaces, no leading '-')", null, true);
        int port = (int) n.integer("port", 22, 1, 65535);
        String user = n.matching("user", SshEndpoint.USER, "a user name", "root", false);
        Optional<Path> key = n.path("privateKey");
        if (key.isEmpty()) {
            n.problem("privateKey", "is required (the private key file to log in with)");
        } else if (!key.get().toFile().isFile()) {
            n.problem("privateKey", "file " + key.get() + " does not exist");
        }
        String fingerprint = n.matching("hostKeyFingerprint", SshEndpoint.FINGERPRINT,
                "a host key fingerprint (SHA256:<43 base64 chars> as ssh-keygen -lf prints it)", null, false);
        Optional<Path> knownHosts = n.path("knownHosts");
        if (fingerprint == null && knownHosts.isEmpty() && !n.has("hostKeyFingerprint")) {
            n.problem("hostKeyFingerprint", "a pinned host key is required: set hostKeyFingerprint or knownHosts");
        }
        if (knownHosts.isPresent() && !knownHosts.get().toFile().isFile()) {
            n.problem("knownHosts", "file " + knownHosts.get() + " does not exist");
        }
        return new NodeConfig(name, host, port, user, key.orElse(null), fingerprint, knownHosts.orElse(null));
    }

    private static Optional<JobConfig> readJob(ConfigReader j, String defaultCluster, Set<String> nodeNames) {
        String jobId = j.matching("id", JobKey.JOB_ID,
                "a pvesr job id <vmid>-<n> (e.g. 101-0)", null, true);
        String cluster = j.matching("cluster", JobKey.CLUSTER, "a cluster name", defaultCluster, false);
        String source = j.requiredString("source");
        String target = j.requiredString("target");
        if (source != null && !nodeNames.contains(source)) {
            j.problem("source", "node '" + source + "' is not in executor.nodes");
        }
        if (target != null && !nodeNames.contains(target)) {
            j.problem("target", "node '" + target + "' is not in executor.nodes");
        }
        if (source != null && source.equals(target)) {
            j.problem("target", "must differ from source '" + source + "'");
        }
        List<String> datasets = j.strings("datasets");
        if (datasets.isEmpty() && !j.problems().stream().anyMatch(p -> p.key().equals(j.key("datasets")))) {
            j.problem("datasets", "is required: the guest's datasets, e.g. [rpool/data/subvol-101-disk-0]");
        }
        for (String ds : datasets) {
            if (!ZfsNames.isValidDataset(ds) || ds.indexOf('/') < 0) {
                j.problem("datasets", "'" + ds + "' is not a dataset name (pool/path, letters, digits, '_', '.', ':', '-')");
            }
        }
        if (new HashSet<>(datasets).size() != datasets.size()) {
            j.problem("datasets", "lists a dataset twice");
        }
        String scheduleText = j.string("schedule", DEFAULT_SCHEDULE);
        CalendarEvent schedule = null;
        try {
            schedule = CalendarEvent.parse(scheduleText);
        } catch (IllegalArgumentException e) {
            j.problem("schedule", e.getMessage());
        }
        double rate = j.decimal("rate", 0, 0, 1_000_000);
        Duration defaultRpo = schedule == null ? Duration.ofMinutes(20) : schedule.typicalInterval().plus(RPO_MARGIN);
        Duration rpo = j.duration("rpoTarget", defaultRpo, Duration.ofMinutes(1), Duration.ofDays(400));
        boolean enabled = j.bool("enabled", true);
        CalendarEvent drill = null;
        String drillText = j.string("drillSchedule", null);
        if (drillText != null) {
            try {
                drill = CalendarEvent.parse(drillText);
            } catch (IllegalArgumentException e) {
                j.problem("drillSchedule", e.getMessage());
            }
        }
        if (jobId == null || schedule == null || source == null || target == null) {
            return Optional.empty();
        }
        JobKey key;
        try {
            key = new JobKey(cluster, jobId);
        } catch (IllegalArgumentException e) {
            j.problem("id", e.getMessage());
            return Optional.empty();
        }
        return Optional.of(new JobConfig(key, source, target, datasets, schedule, rate, rpo, enabled, drill));
    }

    public Optional<NodeConfig> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    public String source() {
        return "zsentinel://executor/" + id;
    }
}
