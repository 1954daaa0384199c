package io.zsentinel.executor;

import io.vertx.core.WorkerExecutor;
import io.zsentinel.common.service.Service;
import io.zsentinel.common.service.ServiceContext;
import io.zsentinel.events.CommandSigner;
import io.zsentinel.events.EventType;
import io.zsentinel.events.PoolKey;
import io.zsentinel.events.data.CommandData;
import io.zsentinel.events.data.DrillData;
import io.zsentinel.events.data.HeartbeatData;
import io.zsentinel.events.data.PoolUsageData;
import io.zsentinel.events.data.RunStage;
import io.zsentinel.events.kafka.EventConsumer;
import io.zsentinel.events.kafka.StaticMembership;
import io.zsentinel.executor.ExecutorConfig;
import io.zsentinel.executor.config.JobConfig;
import io.zsentinel.executor.config.NodeConfig;
import io.zsentinel.executor.drill.DrillRun;
import io.zsentinel.executor.drill.DrillSchedule;
import io.zsentinel.executor.node.NodeFailure;
import io.zsentinel.executor.node.RemoteNodeShell;
import io.zsentinel.remote.RemoteRunner;
import io.zsentinel.remote.SshOptions;
import io.zsentinel.executor.node.ZfsNode;
import io.zsentinel.executor.publish.SpoolingPublisher;
import io.zsentinel.executor.run.ReplicationRun;
import io.zsentinel.executor.run.ResyncRun;
import io.zsentinel.executor.run.RunEvents;
import io.zsentinel.executor.run.RunOutcome;
import io.zsentinel.executor.scheduling.Admission;
import io.zsentinel.executor.scheduling.JobRunState;
import io.zsentinel.executor.scheduling.NextRun;
import io.zsentinel.executor.state.JobStateStore;
import io.zsentinel.executor.state.ProcessedCommands;
import io.zsentinel.executor.zfs.ZfsOutput;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor service: owns the configured jobs and runs them as pvesr does. Vert.x timers
 * drive the schedule, heartbeats, inventories and pool usage; every SSH step runs on a worker
 * pool, never on the event loop; commands are read on their own thread. Decisions (due?
 * admitted? next run?) are the pure scheduling classes'; this class wires I/O around them.
 */
public final class ReplicationExecutor implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationExecutor.class);

    private final ExecutorConfig config;
    private final ServiceContext context;
    private final SpoolingPublisher publisher;
    private final RunEvents events;
    private final Map<String, ZfsNode> nodes = new LinkedHashMap<>();
    private final RemoteRunner ssh;
    private final Map<String, JobRuntime> jobs = new LinkedHashMap<>();
    private final JobStateStore stateStore;
    private final WorkerExecutor workers;
    private final List<Long> timers = new ArrayList<>();
    /** How long close waits for runs in progress (an incremental send takes seconds; a full one may not). */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(20);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread commandThread;
    private volatile EventConsumer commandConsumer;

    /** What the executor holds for one job between ticks; guarded by the executor's monitor. */
    private static final class JobRuntime {
        final JobConfig config;
        JobRunState state;
        String lastSnapshot;
        CommandData pending;
        /** Its periodic inventory is being taken: a run waits for it (and an inventory never looks at a run). */
        boolean inventorying;
        /** A restore drill holds clones of its snapshots: no run starts (its prune would meet them). */
        boolean drilling;
        /** From when the next scheduled drill counts ({@link DrillSchedule}); the last drill try. */
        Instant drillSince;
        Instant lastDrillTry;
        AtomicBoolean cancel = new AtomicBoolean();

        JobRuntime(JobConfig config, JobStateStore.Saved saved, Instant now) {
            this.config = config;
            this.state = saved == null ? JobRunState.NEW : saved.runState();
            this.lastSnapshot = saved == null ? null : saved.lastSnapshot();
            this.drillSince = saved == null || saved.drillSince() == null ? now : saved.drillSince();
        }

        Instant drillDue(ZoneId zone) {
            return config.drillSchedule() == null ? null : DrillSchedule.due(config.drillSchedule(), zone, drillSince);
        }
    }

    private ReplicationExecutor(ExecutorConfig config, ServiceContext context) {
        this.config = config;
        this.context = context;
        Path stateDir = context.stateDir().resolve("executor-" + config.id());
        this.publisher = new SpoolingPublisher(context.bootstrap(), config.spoolDir().orElse(stateDir.resolve("spool")),
                config.spoolMaxBytes(), context.registry(), context.clock());
        this.events = new RunEvents(publisher, context.topics(), config.id(), context.clock());
        this.ssh = new RemoteRunner(SshOptions.defaults().withConnectTimeout(config.connectTimeout()), io.zsentinel.remote.CommandListener.NONE);
        for (NodeConfig n : config.nodes()) {
            nodes.put(n.name(), new ZfsNode(new RemoteNodeShell(ssh, n), java.time.ZoneOffset.UTC));
        }
        this.stateStore = new JobStateStore(stateDir.resolve("jobs.json"));
        Map<String, JobStateStore.Saved> saved = stateStore.load();
        for (JobConfig j : config.jobs()) {
            jobs.put(j.key().toString(), new JobRuntime(j, saved.get(j.key().toString()), context.clock().instant()));
        }
        io.micrometer.core.instrument.Gauge.builder("zsentinel.executor.jobs.running", this, ReplicationExecutor::runningCount)
                .description("jobs with a run in progress").register(context.registry());
        int pool = Math.max(2, config.nodes().size() * config.maxTransfersPerNode() + 2);
        this.workers = context.vertx().createSharedWorkerExecutor("zsentinel-executor-" + config.id(), pool, 7, TimeUnit.DAYS);
        CommandSigner signer = config.commandSecret().map(s -> new CommandSigner(s.bytes())).orElse(null);
        CommandHandler handler = new CommandHandler(new HashSet<>(jobs.keySet()), signer,
                new ProcessedCommands(stateDir.resolve("processed-commands"), 10_000), events, context.clock(),
                this::acceptCommand);
        String instanceId = StaticMembership.instanceId(stateDir, "commands");
        this.commandThread = new Thread(() -> consumeCommands(handler, instanceId), "zsentinel-executor-commands");
        this.commandThread.setDaemon(true);
    }

    /** The launcher's entry point. */
    public static ReplicationExecutor start(ExecutorConfig config, ServiceContext context) {
        ReplicationExecutor executor = new ReplicationExecutor(config, context);
        executor.startTimers();
        executor.commandThread.start();
        return executor;
    }

    private void startTimers() {
        var vertx = context.vertx();
        timers.add(vertx.setPeriodic(1, config.schedulerTick().toMillis(), id -> tick()));
        timers.add(vertx.setPeriodic(1, config.heartbeatInterval().toMillis(), id -> heartbeat()));
        timers.add(vertx.setPeriodic(config.inventoryInterval().toMillis(), id -> blocking(this::inventories)));
        timers.add(vertx.setPeriodic(1, config.poolInterval().toMillis(), id -> blocking(this::poolUsage)));
    }

    /** Runs on the event loop: pure decisions, then hands the chosen runs to the worker pool. */
    private void tick() {
        if (closed.get()) {
            return;
        }
        Instant now = context.clock().instant();
        List<Admission.Candidate> start;
        synchronized (this) {
            List<JobRuntime> due = new ArrayList<>();
            Set<String> running = new HashSet<>();
            List<Admission.Candidate> busy = new ArrayList<>();
            for (JobRuntime j : jobs.values()) {
                if (j.state.running()) {
                    running.add(j.config.key().toString());
                    busy.add(candidate(j));
                } else if (j.inventorying || j.drilling) {
                    continue; // due again at the next tick, after its inventory or drill
                } else if (j.pending != null
                        || (j.config.enabled() && NextRun.due(j.config.schedule(), config.timezone(), j.state, now))) {
                    due.add(j);
                }
            }
            due.sort(Comparator.comparing((JobRuntime j) -> j.pending == null ? 1 : 0)
                    .thenComparing(j -> nextRun(j, now).orElse(Instant.MAX)));
            start = Admission.select(due.stream().map(ReplicationExecutor::candidate).toList(), running, busy,
                    config.maxTransfersPerNode());
            for (Admission.Candidate c : start) {
                JobRuntime j = jobs.get(c.job());
                j.state = j.state.started(now);
                j.cancel = new AtomicBoolean();
            }
            for (JobRuntime j : jobs.values()) {
                if (!j.state.running() && !j.inventorying && !j.drilling && j.config.drillSchedule() != null
                        && DrillSchedule.start(j.config.drillSchedule(), config.timezone(), j.drillSince, j.lastDrillTry, now)) {
                    j.drilling = true;
                    j.lastDrillTry = now;
                    workers.executeBlocking(() -> drill(j), false);
                }
            }
        }
        for (Admission.Candidate c : start) {
            JobRuntime j = jobs.get(c.job());
            CommandData command;
            synchronized (this) {
                command = j.pending;
                j.pending = null;
            }
            workers.executeBlocking(() -> runJob(j, command), false);
        }
    }

    private static Admission.Candidate candidate(JobRuntime j) {
        return new Admission.Candidate(j.config.key().toString(), j.config.source(), j.config.target());
    }

    private Optional<Instant> nextRun(JobRuntime j, Instant now) {
        if (!j.config.enabled()) {
            return Optional.empty();
        }
        return NextRun.next(j.config.schedule(), config.timezone(), j.state, now);
    }

    /** On a worker thread: one run (or resync) and its bookkeeping. */
    private Void runJob(JobRuntime j, CommandData command) {
        RunOutcome outcome;
        int failCount;
        synchronized (this) {
            failCount = j.state.failCount();
        }
        ZfsNode source = nodes.get(j.config.source());
        ZfsNode target = nodes.get(j.config.target());
        try {
            if (command != null && CommandData.RESYNC.equals(command.action())) {
                outcome = new ResyncRun(j.config, source, target, events, j.cancel, command.commandId(),
                        command.issuedBy()).execute(failCount);
            } else {
                outcome = new ReplicationRun(j.config, source, target, events, j.cancel).execute(failCount);
            }
        } catch (RuntimeException e) {
            LOG.error("{}: run crashed", j.config.key(), e);
            outcome = new RunOutcome.Failed(RunStage.PREPARE, io.zsentinel.events.data.ErrorClass.UNKNOWN, e.toString());
        }
        recordMetrics(j, outcome);
        synchronized (this) {
            if (outcome instanceof RunOutcome.Succeeded ok) {
                j.state = j.state.succeeded(j.state.lastTry());
                j.lastSnapshot = ok.snapshot();
            } else if (command != null && CommandData.RESYNC.equals(command.action())
                    && outcome instanceof RunOutcome.Failed f && f.errorClass() == io.zsentinel.events.data.ErrorClass.NO_SPACE
                    && f.stage() == RunStage.RESYNC) {
                // a refused resync changed nothing: the job's own failure streak stays as it was
                j.state = new JobRunState(j.state.lastTry(), j.state.lastSync(), j.state.failCount(), false);
            } else {
                j.state = j.state.failed();
            }
            if (outcome instanceof RunOutcome.Failed f && (f.errorClass() == io.zsentinel.events.data.ErrorClass.HOSTKEY_MISMATCH)) {
                // a security event: the SIEM sees it on the audit topic, not only as a failed job
                LOG.error("{}: SECURITY: host key of a node changed or unknown: {}", j.config.key(), f.message());
                events.audit(j.config.key().toString(), new io.zsentinel.events.data.AuditData("ssh.hostkey.rejected",
                        "executor/" + config.id(), "failure", j.config.key().toString(), f.message(),
                        Map.of("source", j.config.source(), "target", j.config.target())));
            }
            persist();
            notifyAll(); // a close may be waiting for this run
        }
        return null;
    }

    /** On a worker thread: one scheduled restore drill, its event, and when the next one counts from. */
    private Void drill(JobRuntime j) {
        DrillData d;
        try {
            d = new DrillRun(j.config, nodes.get(j.config.source()), nodes.get(j.config.target()), context.clock())
                    .execute(DrillData.SCHEDULE);
        } catch (RuntimeException e) {
            LOG.error("{}: drill crashed", j.config.key(), e);
            d = null;
        }
        if (d != null) {
            events.fact(d.completed() ? EventType.DRILL_COMPLETED : EventType.DRILL_FAILED, j.config.key().toString(), d);
        }
        synchronized (this) {
            j.drilling = false;
            if (d != null && DrillSchedule.ran(d.reason())) {
                j.drillSince = d.startedAt();
            }
            persist();
            notifyAll(); // a close may be waiting for this drill
        }
        return null;
    }

    /**
     * Lets the runs (and drills, whose clones would be left) in progress finish, for up to
     * {@link #CLOSE_GRACE}, before close cancels them:
     * a send cut off half-way costs the target's receive and the run (failed, retried after the
     * restart), and on zfs-fuse it left the sent snapshot busy until the daemon restarted.
     */
    private void awaitRunsInProgress() {
        long deadline = System.nanoTime() + CLOSE_GRACE.toNanos();
        try {
            for (long left = CLOSE_GRACE.toMillis(); left > 0 && jobs.values().stream().anyMatch(j -> j.state.running() || j.drilling);
                    left = (deadline - System.nanoTime()) / 1_000_000) {
                wait(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code zsentinel.executor.runs}{outcome, error_class}: the closed enum doubles as the label. */
    private void recordMetrics(JobRuntime j, RunOutcome outcome) {
        String errorClass = outcome instanceof RunOutcome.Failed f ? f.errorClass().name() : "none";
        io.micrometer.core.instrument.Counter.builder("zsentinel.executor.runs")
                .description("replication runs and resyncs by outcome")
                .tag("outcome", outcome instanceof RunOutcome.Succeeded ? "success" : "failure")
                .tag("error_class", errorClass)
                .register(context.registry())
                .increment();
        if (outcome instanceof RunOutcome.Succeeded ok) {
            io.micrometer.core.instrument.Counter.builder("zsentinel.executor.transferred")
                    .description("bytes relayed from source to target").baseUnit("bytes")
                    .register(context.registry()).increment(ok.bytes());
        }
    }

    private synchronized void persist() {
        Map<String, JobStateStore.Saved> out = new LinkedHashMap<>();
        jobs.forEach((k, j) -> out.put(k, new JobStateStore.Saved(j.state.lastTry(), j.state.lastSync(),
                j.state.failCount(), j.lastSnapshot, j.drillSince)));
        try {
            stateStore.save(out);
        } catch (RuntimeException e) {
            LOG.warn("cannot persist job state: {}", e.getMessage());
        }
    }

    private synchronized void acceptCommand(String job, CommandData command) {
        JobRuntime j = jobs.get(job);
        // a resync outranks a queued run-now; a second run-now while one waits is the same run
        if (j.pending == null || CommandData.RESYNC.equals(command.action())) {
            j.pending = command;
        }
    }

    private void heartbeat() {
        if (closed.get()) {
            return;
        }
        Instant now = context.clock().instant();
        List<HeartbeatData.JobInfo> infos = new ArrayList<>();
        synchronized (this) {
            for (JobRuntime j : jobs.values()) {
                infos.add(new HeartbeatData.JobInfo(j.config.key().toString(), j.config.source(), j.config.target(),
                        j.config.datasets(), j.config.schedule().text(), j.config.rpoTarget().toSeconds(),
                        j.config.enabled(), nextRun(j, now).orElse(null), j.state.failCount(), j.state.running(),
                        j.drillDue(config.timezone())));
            }
        }
        long interval = Math.max(1, config.heartbeatInterval().toSeconds());
        events.fact(EventType.EXECUTOR_HEARTBEAT, config.id(), new HeartbeatData(config.id(), interval, infos));
    }

    /**
     * The periodic inventory of each job that is not running. A run's inventories are taken by
     * the run itself when it ends: mid-run, a full receive shows the target dataset before its
     * first snapshot, which reads as a broken chain (and would order a resync of a job's very
     * first sync).
     */
    private void inventories() {
        for (JobRuntime j : jobs.values()) {
            if (closed.get()) {
                return;
            }
            synchronized (this) {
                if (j.state.running()) {
                    continue;
                }
                j.inventorying = true;
            }
            try {
                new ReplicationRun(j.config, nodes.get(j.config.source()), nodes.get(j.config.target()), events,
                        j.cancel).reportInventories();
            } finally {
                synchronized (this) {
                    j.inventorying = false;
                }
            }
        }
    }

    private void poolUsage() {
        for (ZfsNode node : nodes.values()) {
            if (closed.get()) {
                return;
            }
            try {
                for (ZfsOutput.PoolLine p : node.pools()) {
                    String key = new PoolKey(config.cluster(), node.name(), p.name()).toString();
                    events.fact(EventType.POOL_USAGE, key,
                            new PoolUsageData(node.name(), p.name(), p.size(), p.allocated(), p.free(), p.health()));
                }
            } catch (NodeFailure | IllegalArgumentException e) {
                LOG.info("no pool usage from {}: {}", node.name(), e.getMessage());
            }
        }
    }

    private void blocking(Runnable work) {
        if (!closed.get()) {
            workers.executeBlocking(() -> {
                work.run();
                return null;
            }, true);
        }
    }

    private void consumeCommands(CommandHandler handler, String instanceId) {
        try (EventConsumer consumer = new EventConsumer(context.bootstrap(), "zsentinel-executor-" + config.id(),
                "executor", context.topics(), Map.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId))) {
            commandConsumer = consumer;
            consumer.subscribe(List.of(context.topics().commands()));
            while (!closed.get()) {
                try {
                    consumer.pollAndHandle(Duration.ofMillis(500), handler::handle);
                } catch (WakeupException e) {
                    break;
                } catch (RuntimeException e) {
                    if (closed.get()) {
                        break;
                    }
                    LOG.warn("reading commands: {}", e.toString());
                    sleepQuietly(1000);
                }
            }
        } catch (RuntimeException e) {
            if (!closed.get()) {
                LOG.error("the command consumer stopped", e);
            }
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized double runningCount() {
        return jobs.values().stream().filter(j -> j.state.running()).count();
    }

    /** For tests and status: a job's state. */
    public synchronized JobRunState state(String jobKey) {
        return jobs.get(jobKey).state;
    }

    public SpoolingPublisher publisher() {
        return publisher;
    }

    @Override
    public String name() {
        return "executor";
    }

    @Override
    public boolean ready() {
        return !closed.get() && publisher.connected();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        timers.forEach(context.vertx()::cancelTimer);
        synchronized (this) {
            awaitRunsInProgress();
            jobs.values().forEach(j -> j.cancel.set(true));
        }
        EventConsumer consumer = commandConsumer;
        if (consumer != null) {
            consumer.wakeup();
        }
        try {
            commandThread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.close();
        ssh.close();
        try {
            publisher.drain(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publisher.close();
    }
}
