package io.zsentinel.executor.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.zsentinel.broker.EmbeddedKafka;
import io.zsentinel.common.config.ConfigReader;
import io.zsentinel.common.service.ServiceContext;
import io.zsentinel.events.CommandSigner;
import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventType;
import io.zsentinel.events.data.AuditData;
import io.zsentinel.events.data.CommandData;
import io.zsentinel.events.data.ErrorClass;
import io.zsentinel.events.data.HeartbeatData;
import io.zsentinel.events.data.InventoryData;
import io.zsentinel.events.data.JobFailedData;
import io.zsentinel.events.data.JobSucceededData;
import io.zsentinel.events.data.PoolUsageData;
import io.zsentinel.events.kafka.EventRecords;
import io.zsentinel.events.kafka.Topics;
import io.zsentinel.executor.ExecutorConfig;
import io.zsentinel.executor.ReplicationExecutor;
import io.zsentinel.testkit.kafka.KafkaBrokerExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The whole service on the lab and a real broker: schedules, events, commands, a broker outage. */
@ExtendWith(KafkaBrokerExtension.class)
@io.zsentinel.testkit.lab.RequiresLab
class ExecutorServiceLabTest {
    private static final String SECRET = "lab-test-command-secret-0123456789";

    private LabNodes lab;
    private final Vertx vertx = Vertx.vertx();
    private String dataset;

    @TempDir
    Path stateDir;

    @org.junit.jupiter.api.BeforeEach
    void setUp(io.zsentinel.testkit.lab.Lab testkitLab) {
        lab = LabNodes.of(testkitLab);
    }

    @AfterEach
    void tearDown() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
        if (dataset != null) {
            lab.destroyEverywhere(dataset);
        }
    }

    private ExecutorConfig config(int vmid, String schedule) {
        return config(vmid, schedule, "");
    }

    /** @param jobOptions more of the job's options, e.g. {@code ", rate: 0.5"} */
    private ExecutorConfig config(int vmid, String schedule, String jobOptions) {
        return config(vmid, schedule, jobOptions, "5s");
    }

    private ExecutorConfig config(int vmid, String schedule, String jobOptions, String inventoryInterval) {
        dataset = "rpool/data/subvol-" + vmid + "-disk-0";
        lab.destroyEverywhere(dataset);
        lab.sh(
                "pve1",
                "zfs create " + dataset + " && dd if=/dev/urandom of=$(zfs get -H -o value mountpoint " + dataset
                        + ")/a bs=1M count=2 2>/dev/null");
        StringBuilder yaml = new StringBuilder("""
                executor:
                  id: lab-exec-%d
                  cluster: lab
                  schedulerTick: 500ms
                  heartbeatInterval: 1s
                  inventoryInterval: %s
                  poolInterval: 2s
                  commandSecret: {env: ZS_SECRET}
                  nodes:
                """.formatted(vmid, inventoryInterval));
        for (String n : List.of("pve1", "pve2")) {
            var node = lab.node(n);
            yaml.append("    - {name: %s, host: %s, port: %d, user: %s, privateKey: %s, hostKeyFingerprint: \"%s\"}\n"
                    .formatted(
                            node.name(),
                            node.host(),
                            node.port(),
                            node.user(),
                            node.privateKey(),
                            node.hostKeyFingerprint()));
        }
        yaml.append("""
                  jobs:
                    - {id: %d-0, source: pve1, target: pve2, datasets: [%s], schedule: "%s"%s}
                """.formatted(vmid, dataset, schedule, jobOptions));
        ConfigReader root = ConfigReader.parse(yaml.toString(), Map.of("ZS_SECRET", SECRET), null);
        ExecutorConfig config = ExecutorConfig.read(root.section("executor"));
        root.finish();
        return config;
    }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private ServiceContext context(String bootstrap, Topics topics) {
        return new ServiceContext(bootstrap, topics, Clock.systemUTC(), vertx, registry, Map.of(), stateDir);
    }

    private static void send(String bootstrap, Topics topics, EventType type, CommandData command) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(EventRecords.toRecord(
                    topics.commands(),
                    command.job(),
                    Envelope.of(type, Envelope.source("alerting", "test"), command.job(), command, Clock.systemUTC())));
        }
    }

    private static CommandData command(String job, String action) {
        Instant now = Instant.now();
        return new CommandSigner(SECRET.getBytes(StandardCharsets.UTF_8))
                .sign(new CommandData(
                        UUID.randomUUID().toString(),
                        action,
                        job,
                        "test",
                        "lab test",
                        now,
                        now.plusSeconds(300),
                        false,
                        null));
    }

    @Test
    void closeLetsARunInProgressFinish(EmbeddedKafka kafka) {
        Topics topics = new Topics(KafkaBrokerExtension.uniquePrefix("executorClose"));
        // the first run sends 2 MiB at 0.5 MB/s: about 4 s during which the executor is closed
        ExecutorConfig config = config(262, "2099-01-01", ", rate: 0.5");
        try (EventLog log = new EventLog(kafka.bootstrapServers(), topics.events())) {
            ReplicationExecutor executor = ReplicationExecutor.start(config, context(kafka.bootstrapServers(), topics));
            await().atMost(Duration.ofSeconds(60)).until(() -> log.any(EventType.SEND_PROGRESS, e -> true));
            executor.close();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> log.of(EventType.JOB_SUCCEEDED).size() == 1);
            assertThat(log.of(EventType.JOB_FAILED))
                    .as("the run was not cut off")
                    .isEmpty();
            String snapshot = log.of(EventType.JOB_SUCCEEDED)
                    .get(0)
                    .data(JobSucceededData.class)
                    .snapshot();
            assertThat(lab.sh("pve2", "zfs list -H -o name -t snapshot")).contains(dataset + "@" + snapshot);
            // nothing holds the sent snapshot: the source can let it go
            assertThat(lab.sh("pve1", "zfs destroy " + dataset + "@" + snapshot + " && echo destroyed"))
                    .isEqualTo("destroyed");
        }
    }

    /**
     * A full receive shows the target dataset before its first snapshot: taken then, an inventory
     * would read as a broken chain. Inventories every 500 ms while the first send lasts about 4 s:
     * none of the target's may be of that half-received dataset.
     */
    @Test
    void noInventoryIsTakenOfAReceiveUnderWay(EmbeddedKafka kafka) {
        Topics topics = new Topics(KafkaBrokerExtension.uniquePrefix("executorInventory"));
        ExecutorConfig config = config(263, "2099-01-01", ", rate: 0.5", "500ms");
        String job = "lab/263-0";
        try (ReplicationExecutor executor =
                        ReplicationExecutor.start(config, context(kafka.bootstrapServers(), topics));
                EventLog log = new EventLog(kafka.bootstrapServers(), topics.events())) {
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> log.of(EventType.JOB_SUCCEEDED).size() == 1);
            // the periodic inventories go on once the run is over
            Instant succeeded = log.of(EventType.JOB_SUCCEEDED).get(0).time();
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            log.any(EventType.INVENTORY_REPORTED, e -> e.time().isAfter(succeeded.plusSeconds(1))));
            assertThat(log.of(EventType.SEND_PROGRESS))
                    .as("the send lasted long enough to be inventoried")
                    .isNotEmpty();
            List<InventoryData> targets = log.of(EventType.INVENTORY_REPORTED).stream()
                    .filter(e -> job.equals(e.subject()))
                    .map(e -> e.data(InventoryData.class))
                    .filter(d -> d.role().equals(InventoryData.TARGET))
                    .toList();
            assertThat(targets)
                    .as("target inventories")
                    .isNotEmpty()
                    .allSatisfy(d -> assertThat(!d.exists() || !d.snapshots().isEmpty())
                            .as("%s exists with no snapshot: %s", d.dataset(), d)
                            .isTrue());
        }
    }

    @Test
    void runsPublishesAndObeysSignedCommands(EmbeddedKafka kafka) {
        Topics topics = new Topics(KafkaBrokerExtension.uniquePrefix("executorService"));
        ExecutorConfig config = config(260, "2099-01-01");
        String job = "lab/260-0";
        try (ReplicationExecutor executor =
                        ReplicationExecutor.start(config, context(kafka.bootstrapServers(), topics));
                EventLog log = new EventLog(kafka.bootstrapServers(), topics.events(), topics.audit())) {
            // a new job runs at once (pvesr: never tried = due)
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> log.of(EventType.JOB_SUCCEEDED).size() == 1);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> log.any(EventType.EXECUTOR_HEARTBEAT, e -> true)
                            && log.any(EventType.POOL_USAGE, e -> "lab/pve2/rpool".equals(e.subject()))
                            && log.any(
                                    EventType.INVENTORY_REPORTED,
                                    e -> job.equals(e.subject())
                                            && e.data(InventoryData.class)
                                                    .role()
                                                    .equals(InventoryData.TARGET)));
            List<Envelope> heartbeats = log.of(EventType.EXECUTOR_HEARTBEAT); // one snapshot: the log keeps growing
            HeartbeatData.JobInfo info = heartbeats
                    .get(heartbeats.size() - 1)
                    .data(HeartbeatData.class)
                    .jobs()
                    .get(0);
            assertThat(info.job()).isEqualTo(job);
            assertThat(info.schedule()).isEqualTo("2099-01-01");
            assertThat(info.nextRun())
                    .isEqualTo(java.time.LocalDate.of(2099, 1, 1)
                            .atStartOfDay(config.timezone())
                            .toInstant());
            assertThat(info.rpoTargetSeconds()).isPositive();
            assertThat(info.failCount()).isZero();
            assertThat(log.of(EventType.POOL_USAGE)
                            .get(0)
                            .data(PoolUsageData.class)
                            .size())
                    .isPositive();

            // run-now: a second, incremental run; the same command again is a duplicate
            CommandData runNow = command(job, CommandData.RUN_NOW);
            send(kafka.bootstrapServers(), topics, EventType.COMMAND_RUN_NOW, runNow);
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> log.of(EventType.JOB_SUCCEEDED).size() == 2);
            send(kafka.bootstrapServers(), topics, EventType.COMMAND_RUN_NOW, runNow);
            CommandData forged = new CommandSigner("not-the-secret-0123456789".getBytes(StandardCharsets.UTF_8))
                    .sign(command(job, CommandData.RUN_NOW).withSignature(null));
            send(kafka.bootstrapServers(), topics, EventType.COMMAND_RUN_NOW, forged);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> reasons(log).containsAll(Set.of("DUPLICATE", "BAD_SIGNATURE")));

            // the replica is modified -> DEST_MODIFIED; a resync rolls it back and catches up
            lab.sh("pve2", "echo local > $(zfs get -H -o value mountpoint " + dataset + ")/local");
            send(kafka.bootstrapServers(), topics, EventType.COMMAND_RUN_NOW, command(job, CommandData.RUN_NOW));
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> log.any(
                            EventType.JOB_FAILED,
                            e -> e.data(JobFailedData.class).errorClass() == ErrorClass.DEST_MODIFIED));
            send(kafka.bootstrapServers(), topics, EventType.COMMAND_RESYNC, command(job, CommandData.RESYNC));
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> log.any(EventType.RESYNC_COMPLETED, e -> true)
                            && log.of(EventType.JOB_SUCCEEDED).size() == 3);
            // the bookkeeping follows the events by a moment
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> executor.state(job).failCount() == 0
                            && !executor.state(job).running());
            assertThat(registry.find("zsentinel.executor.runs")
                            .tag("error_class", "DEST_MODIFIED")
                            .counter())
                    .isNotNull()
                    .satisfies(c -> assertThat(c.count()).isEqualTo(1.0));
            assertThat(registry.scrape())
                    .contains("zsentinel_executor_runs_total{error_class=\"none\",outcome=\"success\"}");
            assertThat(log.of(EventType.AUDIT).stream()
                            .map(e -> e.data(AuditData.class).action())
                            .toList())
                    .contains(
                            "command.accepted",
                            "command.rejected",
                            "resync.started",
                            "resync.rollback",
                            "resync.completed");
        }
    }

    private static Set<String> reasons(EventLog log) {
        return log.of(EventType.AUDIT).stream()
                .map(e -> e.data(AuditData.class).reason())
                .filter(r -> r != null)
                .collect(Collectors.toSet());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aBrokerOutageLosesNoEvent(@TempDir Path kafkaDir) throws Exception {
        int port = freePort();
        EmbeddedKafka kafka = EmbeddedKafka.start(kafkaDir, false, port);
        Topics topics = new Topics("outage");
        ExecutorConfig config = config(261, "*:*:0/10");
        String job = "lab/261-0";
        try (ReplicationExecutor executor =
                ReplicationExecutor.start(config, context(kafka.bootstrapServers(), topics))) {
            try (EventLog log = new EventLog(kafka.bootstrapServers(), topics.events())) {
                await().atMost(Duration.ofSeconds(90))
                        .until(() -> log.of(EventType.JOB_SUCCEEDED).size() >= 1);
            }
            kafka.close();
            Instant before = executor.state(job).lastSync();
            // runs go on while the broker is away: at least two more succeed
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                Instant now = executor.state(job).lastSync();
                return now != null && before != null && now.getEpochSecond() - before.getEpochSecond() >= 20;
            });
            String lastDuringOutage =
                    "__replicate_261-0_" + executor.state(job).lastSync().getEpochSecond() + "__";
            assertThat(executor.publisher().pendingBytes()).isPositive();
            kafka = EmbeddedKafka.start(kafkaDir, false, port);
            try (EventLog log = new EventLog(kafka.bootstrapServers(), topics.events())) {
                await().atMost(Duration.ofSeconds(120))
                        .until(() -> log.any(
                                EventType.JOB_SUCCEEDED,
                                e -> e.data(JobSucceededData.class).snapshot().equals(lastDuringOutage)));
                // every run that succeeded reported each of its steps, in order, nothing lost
                List<Envelope> all = log.poll();
                Set<String> succeededRuns = new HashSet<>();
                for (Envelope e : log.of(EventType.JOB_SUCCEEDED)) {
                    succeededRuns.add(e.data(JobSucceededData.class).runId());
                }
                assertThat(succeededRuns).hasSizeGreaterThanOrEqualTo(3);
                for (String runId : succeededRuns) {
                    List<EventType> steps = all.stream()
                            .filter(e -> runId.equals(runIdOf(e)))
                            .map(Envelope::type)
                            .distinct()
                            .toList();
                    assertThat(steps)
                            .containsSubsequence(
                                    EventType.SEND_STARTED,
                                    EventType.SEND_COMPLETED,
                                    EventType.RECEIVE_COMPLETED,
                                    EventType.JOB_SUCCEEDED);
                }
                Set<String> created = log.of(EventType.SNAPSHOT_CREATED).stream()
                        .map(e -> e.data(io.zsentinel.events.data.SnapshotData.class)
                                .snapshot())
                        .collect(Collectors.toSet());
                assertThat(created).contains(lastDuringOutage);
            }
        } finally {
            kafka.close();
        }
    }

    private static String runIdOf(Envelope e) {
        if (e.data() instanceof io.zsentinel.events.data.SendStartedData d) {
            return d.runId();
        }
        if (e.data() instanceof io.zsentinel.events.data.TransferCompletedData d) {
            return d.runId();
        }
        if (e.data() instanceof JobSucceededData d) {
            return d.runId();
        }
        return null;
    }
}
