package io.zsentinel.executor;

import static io.zsentinel.executor.config.ExecutorKeys.*;

import io.zsentinel.common.config.ConfigReader;
import io.zsentinel.common.config.Secret;
import io.zsentinel.events.JobKey;
import io.zsentinel.executor.calendar.CalendarEvent;
import io.zsentinel.executor.config.ExecutorKeys;
import io.zsentinel.executor.config.JobConfig;
import io.zsentinel.executor.config.NodeConfig;
import io.zsentinel.remote.ZfsNames;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code executor:} section (docs/config-executor.md). {@link #read} reads every key through
 * its declaration in {@link ExecutorKeys} and records every problem in the reader, naming the
 * key; the launcher's {@code finish()} throws them all at once.
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
    public static final String DEFAULT_SCHEDULE = JOB_SCHEDULE.defaultValue();
    public static final Duration RPO_MARGIN = ExecutorKeys.RPO_MARGIN;

    public ExecutorConfig {
        nodes = List.copyOf(nodes);
        jobs = List.copyOf(jobs);
    }

    public static ExecutorConfig read(ConfigReader r) {
        String id = ID.read(r);
        String cluster = CLUSTER.read(r);
        // the system zone as it is when read, not when the declarations were loaded
        ZoneId zone = TIMEZONE.readOr(r, ZoneId.systemDefault());
        int maxTransfers = MAX_TRANSFERS_PER_NODE.read(r);
        Duration tick = SCHEDULER_TICK.read(r);
        Duration heartbeat = HEARTBEAT_INTERVAL.read(r);
        Duration inventory = INVENTORY_INTERVAL.read(r);
        Duration pool = POOL_INTERVAL.read(r);
        Duration connect = CONNECT_TIMEOUT.read(r);
        ConfigReader spool = r.section("spool");
        Optional<Path> spoolDir = SPOOL_DIR.read(spool);
        long spoolMax = SPOOL_MAX_BYTES.read(spool);
        Optional<Secret> secret = COMMAND_SECRET.read(r);

        Map<String, NodeConfig> nodes = new LinkedHashMap<>();
        for (ConfigReader n : NODES.read(r)) {
            NodeConfig node = readNode(n);
            if (node.name() != null && nodes.putIfAbsent(node.name(), node) != null) {
                n.problem(NODE_NAME.child(), "node '" + node.name() + "' is defined twice");
            }
        }
        List<JobConfig> jobs = new ArrayList<>();
        Set<String> jobKeys = new HashSet<>();
        for (ConfigReader j : JOBS.read(r)) {
            readJob(j, cluster, nodes.keySet()).ifPresent(job -> {
                if (!jobKeys.add(job.key().toString())) {
                    j.problem(JOB_ID.child(), "job '" + job.key() + "' is defined twice");
                }
                jobs.add(job);
            });
        }
        return new ExecutorConfig(
                id,
                cluster,
                zone,
                maxTransfers,
                tick,
                heartbeat,
                inventory,
                pool,
                connect,
                spoolDir,
                spoolMax,
                secret,
                List.copyOf(nodes.values()),
                jobs);
    }

    private static NodeConfig readNode(ConfigReader n) {
        String name = NODE_NAME.read(n);
        String host = NODE_HOST.read(n);
        int port = NODE_PORT.read(n);
        String user = NODE_USER.read(n);
        Optional<Path> key = NODE_PRIVATE_KEY.read(n);
        String privateKey = NODE_PRIVATE_KEY.child();
        if (key.isEmpty()) {
            n.problem(privateKey, "is required (the private key file to log in with)");
        } else if (!key.get().toFile().isFile()) {
            n.problem(privateKey, "file " + key.get() + " does not exist");
        }
        String fingerprint = NODE_HOST_KEY_FINGERPRINT.read(n);
        Optional<Path> knownHosts = NODE_KNOWN_HOSTS.read(n);
        String pinned = NODE_HOST_KEY_FINGERPRINT.child();
        if (fingerprint == null && knownHosts.isEmpty() && !n.has(pinned)) {
            n.problem(pinned, "a pinned host key is required: set hostKeyFingerprint or knownHosts");
        }
        if (knownHosts.isPresent() && !knownHosts.get().toFile().isFile()) {
            n.problem(NODE_KNOWN_HOSTS.child(), "file " + knownHosts.get() + " does not exist");
        }
        return new NodeConfig(name, host, port, user, key.orElse(null), fingerprint, knownHosts.orElse(null));
    }

    private static Optional<JobConfig> readJob(ConfigReader j, String defaultCluster, Set<String> nodeNames) {
        String jobId = JOB_ID.read(j);
        String cluster = JOB_CLUSTER.readOr(j, defaultCluster);
        String source = JOB_SOURCE.read(j);
        String target = JOB_TARGET.read(j);
        if (source != null && !nodeNames.contains(source)) {
            j.problem(JOB_SOURCE.child(), "node '" + source + "' is not in executor.nodes");
        }
        if (target != null && !nodeNames.contains(target)) {
            j.problem(JOB_TARGET.child(), "node '" + target + "' is not in executor.nodes");
        }
        if (source != null && source.equals(target)) {
            j.problem(JOB_TARGET.child(), "must differ from source '" + source + "'");
        }
        List<String> datasets = readDatasets(j);
        String scheduleText = JOB_SCHEDULE.read(j);
        CalendarEvent schedule = null;
        try {
            schedule = CalendarEvent.parse(scheduleText);
        } catch (IllegalArgumentException e) {
            j.problem(JOB_SCHEDULE.child(), e.getMessage());
        }
        double rate = JOB_RATE.read(j);
        Duration rpo = schedule == null
                ? JOB_RPO_TARGET.read(j)
                : JOB_RPO_TARGET.readOr(j, schedule.typicalInterval().plus(RPO_MARGIN));
        boolean enabled = JOB_ENABLED.read(j);
        CalendarEvent drill = JOB_DRILL_SCHEDULE.read(j);
        if (jobId == null || schedule == null || source == null || target == null) {
            return Optional.empty();
        }
        JobKey key;
        try {
            key = new JobKey(cluster, jobId);
        } catch (IllegalArgumentException e) {
            j.problem(JOB_ID.child(), e.getMessage());
            return Optional.empty();
        }
        return Optional.of(new JobConfig(key, source, target, datasets, schedule, rate, rpo, enabled, drill));
    }

    /** At least one, each a strict dataset name with a pool, none twice. */
    private static List<String> readDatasets(ConfigReader j) {
        List<String> datasets = JOB_DATASETS.read(j);
        String child = JOB_DATASETS.child();
        if (datasets.isEmpty() && !j.problems().stream().anyMatch(p -> p.key().equals(j.key(child)))) {
            j.problem(child, "is required: the guest's datasets, e.g. [rpool/data/subvol-101-disk-0]");
        }
        for (String ds : datasets) {
            if (!ZfsNames.isValidDataset(ds) || ds.indexOf('/') < 0) {
                j.problem(child, "'" + ds + "' is not a dataset name (pool/path, letters, digits, '_', '.', ':', '-')");
            }
        }
        if (new HashSet<>(datasets).size() != datasets.size()) {
            j.problem(child, "lists a dataset twice");
        }
        return datasets;
    }

    public Optional<NodeConfig> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    public String source() {
        return "zsentinel://executor/" + id;
    }
}
