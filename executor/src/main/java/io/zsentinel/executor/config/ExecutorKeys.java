package io.zsentinel.executor.config;

import io.zsentinel.common.config.ConfigKey;
import io.zsentinel.common.config.ConfigReader;
import io.zsentinel.common.config.Durations;
import io.zsentinel.common.config.Secret;
import io.zsentinel.events.JobKey;
import io.zsentinel.events.PoolKey;
import io.zsentinel.executor.calendar.CalendarEvent;
import io.zsentinel.remote.SshEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Every key of the {@code executor:} section, declared once; {@link #ALL} is the order of the
 * table in {@code executor/docs/config-executor.md}, which ExecutorConfigDocsTest checks.
 *
 * <p>Node, host, user and fingerprint use the patterns of the modules that consume them
 * ({@link PoolKey} for node names in the contract, {@link SshEndpoint} for what reaches sshj), so
 * what this accepts the services accept at start. The executor's id is written as a cluster name.
 */
public final class ExecutorKeys {
    public static final Duration RPO_MARGIN = Duration.ofMinutes(5);

    public static final ConfigKey<String> ID = ConfigKey.matching(
                    "id", JobKey.CLUSTER, "an executor id (letters, digits, '_', '.', '-')", "executor-1")
            .describedAs("executor id: event `source` `zsentinel://executor/<id>`, heartbeat subject, consumer group "
                    + "`zsentinel-executor-<id>` (of commands; a static member whose `group.instance.id` is kept in "
                    + "`<state>/commands.instance-id`, so a restart after a crash reads commands at once), state "
                    + "subdirectory");
    public static final ConfigKey<String> CLUSTER = ConfigKey.matching(
                    "cluster", JobKey.CLUSTER, "a cluster name", "default")
            .describedAs("cluster of the jobs (default for `jobs[].cluster`) and of the pool keys "
                    + "`<cluster>/<node>/<pool>`");
    /** The default is the system zone when read, hence null here and {@code readOr} in the reader. */
    public static final ConfigKey<ZoneId> TIMEZONE = ConfigKey.<ZoneId>parsed(
                    "timezone",
                    null,
                    ZoneId::of,
                    (text, e) -> "'" + text + "' is not a time zone (e.g. Europe/Berlin, UTC)")
            .shownAs("system zone")
            .describedAs("zone in which schedules without `UTC` are evaluated (e.g. `Europe/Berlin`)");

    public static final ConfigKey<Integer> MAX_TRANSFERS_PER_NODE = ConfigKey.integer("maxTransfersPerNode", 1, 1, 64)
            .shownAs("`1` (1..64)")
            .describedAs("transfers a node takes part in at once, as source or target (pvesr: one at a time)");
    public static final ConfigKey<Duration> SCHEDULER_TICK = ConfigKey.duration(
                    "schedulerTick", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(1))
            .describedAs("how often due jobs are looked for");
    public static final ConfigKey<Duration> HEARTBEAT_INTERVAL = ConfigKey.duration(
                    "heartbeatInterval", Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofHours(1))
            .describedAs("`executor.heartbeat` every H");
    public static final ConfigKey<Duration> INVENTORY_INTERVAL = ConfigKey.duration(
                    "inventoryInterval", Duration.ofMinutes(5), Duration.ofMillis(100), Duration.ofDays(1))
            .describedAs("`inventory.reported` for every job (both sides) every M, of the jobs not running then; "
                    + "also after each run");
    public static final ConfigKey<Duration> POOL_INTERVAL = ConfigKey.duration(
                    "poolInterval", Duration.ofMinutes(5), Duration.ofMillis(100), Duration.ofDays(1))
            .describedAs("`pool.usage` for every pool of every node every M");
    public static final ConfigKey<Duration> CONNECT_TIMEOUT = ConfigKey.duration(
                    "connectTimeout", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(5))
            .describedAs("SSH connect timeout");
    public static final ConfigKey<Optional<Path>> SPOOL_DIR = ConfigKey.path("spool.dir")
            .shownAs("`<stateDir>/executor-<id>/spool`")
            .describedAs("on-disk event spool (events wait here while Kafka is away); also holds `rejected.jsonl`, "
                    + "the records Kafka refused for good (format: the executor README, \"The spool\"; counted in "
                    + "`zsentinel.executor.spool.rejected`)");
    public static final ConfigKey<Long> SPOOL_MAX_BYTES = ConfigKey.longInteger(
                    "spool.maxBytes", 256L << 20, 1L << 20, 1L << 40)
            .describedAs("spool bound; when 80 % full, periodic events (progress, heartbeat, pool, inventory) are "
                    + "dropped first; when full, everything new is dropped and counted "
                    + "(`zsentinel.executor.spool.dropped`)");
    public static final ConfigKey<Optional<Secret>> COMMAND_SECRET = ConfigKey.secret("commandSecret")
            .check(
                    s -> s.isEmpty() || s.get().length() >= 16,
                    s -> "must be at least 16 bytes (" + s.get() + " has "
                            + s.get().length() + ")")
            .describedAs("HMAC secret for signed commands, `{env: NAME}` or `{file: PATH}`, at least 16 bytes; "
                    + "without it every command is rejected (and audited)");

    public static final ConfigKey<List<ConfigReader>> NODES =
            ConfigKey.sections("nodes").describedAs("the ZFS hosts, reached over SSH (keys `nodes[].*` below)");
    public static final ConfigKey<String> NODE_NAME = ConfigKey.requiredMatching(
                    "nodes[].name", PoolKey.NODE, "a node name (host name label, e.g. pve1)")
            .describedAs("node name (host name label), as in pvesr");
    public static final ConfigKey<String> NODE_HOST = ConfigKey.requiredMatching(
                    "nodes[].host", SshEndpoint.HOST, "a host name or IP address (no spaces, no leading '-')")
            .describedAs("address");
    public static final ConfigKey<Integer> NODE_PORT =
            ConfigKey.integer("nodes[].port", 22, 1, 65535).describedAs("SSH port");
    public static final ConfigKey<String> NODE_USER = ConfigKey.matching(
                    "nodes[].user", SshEndpoint.USER, "a user name", "root")
            .describedAs("SSH user");
    /** Required, with a message of its own (see ExecutorConfig), hence read as an optional path. */
    public static final ConfigKey<Optional<Path>> NODE_PRIVATE_KEY = ConfigKey.path("nodes[].privateKey")
            .shownAs("required")
            .describedAs("private key file (relative to the config file)");

    public static final ConfigKey<String> NODE_HOST_KEY_FINGERPRINT = ConfigKey.matching(
                    "nodes[].hostKeyFingerprint",
                    SshEndpoint.FINGERPRINT,
                    "a host key fingerprint (SHA256:<43 base64 chars> as ssh-keygen -lf prints it)",
                    null)
            .describedAs("pinned host key, `SHA256:...` as `ssh-keygen -lf` prints it");
    public static final ConfigKey<Optional<Path>> NODE_KNOWN_HOSTS = ConfigKey.path("nodes[].knownHosts")
            .describedAs("or a known_hosts file; one of the two is required (never accept-all)");

    public static final ConfigKey<List<ConfigReader>> JOBS =
            ConfigKey.sections("jobs").describedAs("the replication jobs (keys `jobs[].*` below)");
    public static final ConfigKey<String> JOB_ID = ConfigKey.requiredMatching(
                    "jobs[].id", JobKey.JOB_ID, "a pvesr job id <vmid>-<n> (e.g. 101-0)")
            .describedAs("pvesr job id `<vmid>-<n>`");
    /** Defaults to the executor's cluster, given at read time. */
    public static final ConfigKey<String> JOB_CLUSTER = ConfigKey.matching(
                    "jobs[].cluster", JobKey.CLUSTER, "a cluster name", null)
            .shownAs("`executor.cluster`")
            .describedAs("job key = `<cluster>/<id>`");

    public static final ConfigKey<String> JOB_SOURCE =
            ConfigKey.requiredString("jobs[].source").describedAs("node name from `nodes`: the node replicated from");
    public static final ConfigKey<String> JOB_TARGET = ConfigKey.requiredString("jobs[].target")
            .describedAs("node name from `nodes`, other than `source`: the node replicated to");
    /** Checked name by name in ExecutorConfig, which also requires at least one. */
    public static final ConfigKey<List<String>> JOB_DATASETS = ConfigKey.strings("jobs[].datasets", List.of())
            .shownAs("required")
            .describedAs("the guest's datasets (same name on both nodes), e.g. `rpool/data/subvol-101-disk-0`; "
                    + "strict names");
    /**
     * Read as text and parsed by ExecutorConfig: a job whose schedule cannot be parsed is left out,
     * which a default standing in for the bad value would not do.
     */
    public static final ConfigKey<String> JOB_SCHEDULE = ConfigKey.string("jobs[].schedule", "*/15")
            .describedAs("Proxmox calendar event (see `src/main/java/io/zsentinel/executor/calendar/design.md`)");

    public static final ConfigKey<Double> JOB_RATE = ConfigKey.decimal("jobs[].rate", 0, 0, 1_000_000)
            .describedAs("MB/s (10^6 bytes/s, like pvesr); 0 = unlimited");
    /** Defaults to the schedule's interval plus {@link #RPO_MARGIN} (20m for an irregular one), given at read time. */
    public static final ConfigKey<Duration> JOB_RPO_TARGET = ConfigKey.duration(
                    "jobs[].rpoTarget", Duration.ofMinutes(20), Duration.ofMinutes(1), Duration.ofDays(400))
            .shownAs("schedule's longest interval + " + Durations.format(RPO_MARGIN))
            .describedAs("RPO target published in heartbeats");

    public static final ConfigKey<Boolean> JOB_ENABLED = ConfigKey.bool("jobs[].enabled", true)
            .describedAs("disabled jobs are reported but never scheduled (commands still run them)");
    public static final ConfigKey<CalendarEvent> JOB_DRILL_SCHEDULE = ConfigKey.<CalendarEvent>parsed(
                    "jobs[].drillSchedule", null, CalendarEvent::parse, (text, e) -> e.getMessage())
            .describedAs("Proxmox calendar event of the job's restore drills (e.g. `quarterly`, `sat 3:00`): a "
                    + "read-only clone of the newest replica on the target, verified against the source and "
                    + "destroyed (`zsentinel drill` does one at once). A drill that cannot run (node unreachable, "
                    + "no room, no replica) is retried every 15 minutes and stays due; the heartbeat's `drillDue` "
                    + "lets the collector fire `drill.overdue`");

    /** The docs table's order. */
    public static final List<ConfigKey<?>> ALL = List.of(
            ID,
            CLUSTER,
            TIMEZONE,
            MAX_TRANSFERS_PER_NODE,
            SCHEDULER_TICK,
            HEARTBEAT_INTERVAL,
            INVENTORY_INTERVAL,
            POOL_INTERVAL,
            CONNECT_TIMEOUT,
            SPOOL_DIR,
            SPOOL_MAX_BYTES,
            COMMAND_SECRET,
            NODES,
            NODE_NAME,
            NODE_HOST,
            NODE_PORT,
            NODE_USER,
            NODE_PRIVATE_KEY,
            NODE_HOST_KEY_FINGERPRINT,
            NODE_KNOWN_HOSTS,
            JOBS,
            JOB_ID,
            JOB_CLUSTER,
            JOB_SOURCE,
            JOB_TARGET,
            JOB_DATASETS,
            JOB_SCHEDULE,
            JOB_RATE,
            JOB_RPO_TARGET,
            JOB_ENABLED,
            JOB_DRILL_SCHEDULE);

    private ExecutorKeys() {}
}
