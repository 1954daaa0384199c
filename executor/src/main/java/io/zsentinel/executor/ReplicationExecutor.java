package io.zsentinel.executor;

import io.micrometer.core.instrument.Gauge;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.zsentinel.common.service.Service;
import io.zsentinel.common.service.ServiceContext;
import io.zsentinel.events.CommandSigner;
import io.zsentinel.events.kafka.EventConsumer;
import io.zsentinel.events.kafka.StaticMembership;
import io.zsentinel.executor.config.NodeConfig;
import io.zsentinel.executor.node.RemoteNodeShell;
import io.zsentinel.executor.node.ZfsNode;
import io.zsentinel.executor.publish.SpoolingPublisher;
import io.zsentinel.executor.run.RunEvents;
import io.zsentinel.executor.scheduling.JobRunState;
import io.zsentinel.executor.scheduling.Scheduler;
import io.zsentinel.executor.service.CommandLoopVerticle;
import io.zsentinel.executor.service.CommandSource;
import io.zsentinel.executor.service.DispatcherVerticle;
import io.zsentinel.executor.service.NodeJobWork;
import io.zsentinel.executor.service.NodeReports;
import io.zsentinel.executor.service.ReporterVerticle;
import io.zsentinel.executor.state.JobStateStore;
import io.zsentinel.executor.state.ProcessedCommands;
import io.zsentinel.remote.CommandListener;
import io.zsentinel.remote.RemoteRunner;
import io.zsentinel.remote.SshOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor service: owns the configured jobs and runs them as pvesr does. It builds the
 * parts and deploys three verticles ({@code service} package): the dispatcher (the scheduling
 * tick, runs and drills, the job state), the reporter (heartbeats, inventories, pool usage) and
 * the command loop (the commands topic, on a thread of its own). SSH and files are on a worker
 * pool sized for K transfers per node, never on an event loop.
 */
public final class ReplicationExecutor implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationExecutor.class);
    /** How long close waits for runs in progress (an incremental send takes seconds; a full one may not). */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(20);
    /** Bounds each undeploy beyond what it waits for itself, so a close always ends. */
    private static final Duration UNDEPLOY_BOUND = CLOSE_GRACE.plusSeconds(30);

    private final Vertx vertx;
    private final SpoolingPublisher publisher;
    private final RemoteRunner ssh;
    private final WorkerExecutor workers;
    private final DispatcherVerticle dispatcher;
    private final ReporterVerticle reporter;
    private final CommandLoopVerticle commandLoop;
    private final String commandPool;
    private final AtomicBoolean closed = new AtomicBoolean();
    private String reporterId;
    private String dispatcherId;
    private String commandLoopId;

    private ReplicationExecutor(ExecutorConfig config, ServiceContext context) {
        this.vertx = context.vertx();
        Path stateDir = context.stateDir().resolve("executor-" + config.id());
        this.publisher = new SpoolingPublisher(
                context.bootstrap(),
                config.spoolDir().orElse(stateDir.resolve("spool")),
                config.spoolMaxBytes(),
                context.registry(),
                context.clock());
        RunEvents events = new RunEvents(publisher, context.topics(), config.id(), context.clock());
        this.ssh = new RemoteRunner(
                SshOptions.defaults().withConnectTimeout(config.connectTimeout()), CommandListener.NONE);
        Map<String, ZfsNode> nodes = new LinkedHashMap<>();
        for (NodeConfig n : config.nodes()) {
            nodes.put(n.name(), new ZfsNode(new RemoteNodeShell(ssh, n), ZoneOffset.UTC));
        }
        int pool = Math.max(2, config.nodes().size() * config.maxTransfersPerNode() + 2);
        this.workers = vertx.createSharedWorkerExecutor("zsentinel-executor-" + config.id(), pool, 7, TimeUnit.DAYS);
        Scheduler scheduler = new Scheduler(config.timezone(), config.maxTransfersPerNode());

        JobStateStore stateStore = new JobStateStore(stateDir.resolve("jobs.json"));
        this.dispatcher = new DispatcherVerticle(
                new DispatcherVerticle.Settings(config.schedulerTick(), CLOSE_GRACE, context.clock(), scheduler),
                config.jobs(),
                stateStore.load(),
                new NodeJobWork(config.id(), nodes, events, context.registry(), context.clock()),
                workers,
                stateStore::save,
                ssh::close);
        Gauge.builder("zsentinel.executor.jobs.running", dispatcher, DispatcherVerticle::running)
                .description("jobs with a run in progress")
                .register(context.registry());
        this.reporter = new ReporterVerticle(
                new ReporterVerticle.Settings(
                        config.id(),
                        config.heartbeatInterval(),
                        config.inventoryInterval(),
                        config.poolInterval(),
                        context.clock(),
                        scheduler),
                dispatcher,
                new NodeReports(config.id(), config.cluster(), nodes, events),
                workers);

        CommandSigner signer =
                config.commandSecret().map(s -> new CommandSigner(s.bytes())).orElse(null);
        CommandHandler handler = new CommandHandler(
                new HashSet<>(dispatcher.jobs().stream().map(j -> j.key()).toList()),
                signer,
                new ProcessedCommands(stateDir.resolve("processed-commands"), 10_000),
                events,
                context.clock(),
                dispatcher::command);
        String instanceId = StaticMembership.instanceId(stateDir, "commands");
        this.commandLoop = new CommandLoopVerticle(
                () -> {
                    EventConsumer consumer = new EventConsumer(
                            context.bootstrap(),
                            "zsentinel-executor-" + config.id(),
                            "executor",
                            context.topics(),
                            Map.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId));
                    consumer.subscribe(List.of(context.topics().commands()));
                    return CommandSource.of(consumer);
                },
                handler::handle,
                CommandLoopVerticle.BACKOFF);
        this.commandPool = "zsentinel-executor-commands-" + config.id();
    }

    /** The launcher's entry point; returns once the three verticles are deployed. */
    public static ReplicationExecutor start(ExecutorConfig config, ServiceContext context) {
        ReplicationExecutor executor = new ReplicationExecutor(config, context);
        try {
            executor.deploy();
        } catch (RuntimeException e) {
            executor.close();
            throw e;
        }
        return executor;
    }

    private void deploy() {
        dispatcherId = await(vertx.deployVerticle(dispatcher));
        reporterId = await(vertx.deployVerticle(reporter));
        // one thread of its own, as the blocking poll had before
        commandLoopId = await(vertx.deployVerticle(
                commandLoop,
                new DeploymentOptions()
                        .setThreadingModel(ThreadingModel.WORKER)
                        .setWorkerPoolName(commandPool)
                        .setWorkerPoolSize(1)));
    }

    /** For tests and status: a job's state. */
    public JobRunState state(String jobKey) {
        return dispatcher.state(jobKey);
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

    /**
     * Stops reporting, then lets the runs in progress finish (the dispatcher's grace), then stops
     * reading commands; then the workers, SSH, and the spool's last events go.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        undeploy(reporterId);
        undeploy(dispatcherId);
        commandLoop.wakeUp();
        undeploy(commandLoopId);
        workers.close();
        ssh.close();
        try {
            publisher.drain(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publisher.close();
    }

    private void undeploy(String id) {
        if (id == null) {
            return;
        }
        try {
            vertx.undeploy(id).await(UNDEPLOY_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | RuntimeException e) {
            LOG.warn("undeploying {}: {}", id, e.toString());
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.await(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("executor verticle not deployed within 30 s", e);
        }
    }
}
