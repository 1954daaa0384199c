package io.zsentinel.collector;

import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.zsentinel.collector.http.ApiRoutes;
import io.zsentinel.collector.metrics.CollectorMetrics;
import io.zsentinel.collector.topology.CollectorTopology;
import io.zsentinel.collector.topology.Readiness;
import io.zsentinel.common.http.OpsRoutes;
import io.zsentinel.common.service.Service;
import io.zsentinel.common.service.ServiceContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector: the Kafka Streams application ({@link CollectorTopology}, exactly-once v2) and
 * its HTTP server ({@code /api/v1/*}, the dashboard at {@code /}, {@code /metrics},
 * {@code /health/*}). Lifecycle only; the work is in the topology and the pure evaluators.
 */
public final class CollectorService implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(CollectorService.class);

    private final KafkaStreams streams;
    private final Readiness readiness;
    private final HttpServer server;
    private final ExecutorService registrar;

    private CollectorService(KafkaStreams streams, Readiness readiness, HttpServer server, ExecutorService registrar) {
        this.streams = streams;
        this.readiness = readiness;
        this.server = server;
        this.registrar = registrar;
    }

    public static CollectorService start(CollectorConfig config, ServiceContext ctx) {
        Path stateDir = config.stateDir().orElse(ctx.stateDir().resolve("collector"));
        int partitions = ensureOwnTopics(ctx.bootstrap(), ctx.topics(), config);
        ExecutorService registrar = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "collector-meters");
            t.setDaemon(true);
            return t;
        });
        CollectorMetrics metrics = new CollectorMetrics(ctx.registry(), ctx.clock(), registrar);
        Properties props = StreamsSettings.of(config, ctx.bootstrap(), stateDir);
        Readiness readiness = new Readiness();
        KafkaStreams streams = new KafkaStreams(
                CollectorTopology.build(config, ctx.topics(), ctx.clock(), metrics, partitions, readiness), props);
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("collector stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();

        Router router = Router.router(ctx.vertx());
        ApiRoutes.mount(router, ctx.vertx(), streams, readiness, ctx.clock(), config.thresholds());
        OpsRoutes.mount(
                router,
                ctx.registry(),
                Map.of(
                        "streams",
                        () -> streams.state() == KafkaStreams.State.RUNNING,
                        "statuses",
                        readiness::statusesComplete));
        byte[] dashboard = resource("/dashboard/index.html");
        router.get("/")
                .handler(rc -> rc.response()
                        .putHeader("content-type", "text/html; charset=utf-8")
                        .end(io.vertx.core.buffer.Buffer.buffer(dashboard)));
        HttpServer server;
        try {
            server = ctx.vertx()
                    .createHttpServer()
                    .requestHandler(router)
                    .listen(config.httpPort(), config.httpHost())
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            streams.close(Duration.ofSeconds(10));
            registrar.shutdown();
            throw new IllegalStateException(
                    "collector cannot listen on " + config.httpHost() + ":" + config.httpPort() + ": "
                            + (e.getCause() == null ? e : e.getCause()).getMessage(),
                    e);
        }
        LOG.info("collector {} on http://{}:{}/", config.applicationId(), config.httpHost(), server.actualPort());
        return new CollectorService(streams, readiness, server, registrar);
    }

    /**
     * Creates the collector's own topic, {@code <applicationId>-assignments} (heartbeat parts keyed by
     * job), partitioned like the events topic so that a job's task owns both.
     *
     * @return the partition count of that topic (= the events topic's)
     */
    public static int ensureOwnTopics(
            String bootstrap, io.zsentinel.events.kafka.Topics topics, CollectorConfig config) {
        String eventsTopic = topics.events();
        String topic = CollectorTopology.assignmentsTopic(config.applicationId());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            if (existing.contains(topic)) {
                return partitions(admin, topic);
            }
            int partitions = existing.contains(eventsTopic) ? partitions(admin, eventsTopic) : 1;
            try {
                admin.createTopics(Set.of(new NewTopic(topic, partitions, (short) -1)
                                .configs(Map.of(
                                        "retention.ms",
                                        Long.toString(Duration.ofDays(1).toMillis())))))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                    throw e;
                }
                return partitions(admin, topic);
            }
            return partitions;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot create " + topic + " on " + bootstrap + ": " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + topic, e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrap + " did not answer within 30 s", e);
        }
    }

    private static int partitions(Admin admin, String topic)
            throws java.util.concurrent.ExecutionException, InterruptedException,
                    java.util.concurrent.TimeoutException {
        TopicDescription d = admin.describeTopics(Set.of(topic))
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .get(topic);
        return d.partitions().size();
    }

    private static byte[] resource(String name) {
        try (InputStream in = CollectorService.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
    }

    /** The bound HTTP port (useful with {@code http.port: 0}). */
    public int httpPort() {
        return server.actualPort();
    }

    public KafkaStreams.State streamsState() {
        return streams.state();
    }

    @Override
    public String name() {
        return "collector";
    }

    @Override
    public boolean ready() {
        return streams.state() == KafkaStreams.State.RUNNING && readiness.statusesComplete();
    }

    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("collector HTTP server did not close cleanly: {}", e.toString());
        }
        // leave the group so that a restarted collector gets the partitions at once, not after the session timeout
        streams.close(org.apache.kafka.streams.CloseOptions.timeout(Duration.ofSeconds(30))
                .withGroupMembershipOperation(
                        org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        registrar.shutdown();
    }
}
