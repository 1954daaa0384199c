package io.zsentinel.launcher;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.zsentinel.alerting.AlertingService;
import io.zsentinel.broker.EmbeddedKafka;
import io.zsentinel.collector.CollectorService;
import io.zsentinel.common.service.Service;
import io.zsentinel.common.service.ServiceContext;
import io.zsentinel.events.kafka.TopicAdmin;
import io.zsentinel.executor.ReplicationExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the chosen services in one process, in dependency order, around one Vert.x instance
 * and one meter registry; with no {@code kafka.bootstrap}, around an embedded broker too.
 * Closing stops them in reverse order.
 */
public final class Pipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    /** The services, in start order. */
    public enum Part {
        COLLECTOR,
        ALERTING,
        EXECUTOR
    }

    private final List<AutoCloseable> started = new ArrayList<>();
    private final List<Service> services = new ArrayList<>();
    private String bootstrap;
    private CollectorService collector;
    private AlertingService alerting;
    private ReplicationExecutor executor;

    private Pipeline() {}

    public static Pipeline start(
            PipelineConfig config, Set<Part> parts, Map<String, String> environment, Clock clock, boolean logFindings) {
        Pipeline pipeline = new Pipeline();
        try {
            pipeline.startAll(
                    config,
                    parts.isEmpty() ? EnumSet.allOf(Part.class) : EnumSet.copyOf(parts),
                    environment,
                    clock,
                    logFindings);
            return pipeline;
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    private void startAll(
            PipelineConfig config,
            EnumSet<Part> parts,
            Map<String, String> environment,
            Clock clock,
            boolean logFindings) {
        KafkaSection kafka = config.kafka();
        if (kafka.embedded()) {
            EmbeddedKafka broker = EmbeddedKafka.start(kafka.dataDir(), false, kafka.port());
            started.add(broker);
            bootstrap = broker.bootstrapServers();
            LOG.info("embedded Kafka broker at {} (data in {})", bootstrap, kafka.dataDir());
            createDirectories(config.stateDir());
            started.add(EmbeddedAddress.publish(config.stateDir(), bootstrap));
        } else {
            bootstrap = kafka.bootstrap();
        }
        TopicAdmin.ensure(bootstrap, kafka.topics());

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Vertx vertx = Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
        started.add(() -> vertx.close().await(10, TimeUnit.SECONDS));
        createDirectories(config.stateDir());
        ServiceContext context =
                new ServiceContext(bootstrap, kafka.topics(), clock, vertx, registry, environment, config.stateDir());

        if (logFindings) {
            started.add(new FindingLogger(bootstrap, kafka.topics()));
        }
        if (parts.contains(Part.COLLECTOR)) {
            collector = register(CollectorService.start(config.collector(), context));
        }
        if (parts.contains(Part.ALERTING)) {
            alerting = register(AlertingService.start(config.alerting(), context));
        }
        if (parts.contains(Part.EXECUTOR)) {
            executor = register(ReplicationExecutor.start(config.executor(), context));
        }
    }

    private <S extends Service> S register(S service) {
        started.add(service);
        services.add(service);
        LOG.info("{} started", service.name());
        return service;
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create state directory " + dir + ": " + e.getMessage(), e);
        }
    }

    public String bootstrap() {
        return bootstrap;
    }

    public CollectorService collector() {
        return collector;
    }

    public AlertingService alerting() {
        return alerting;
    }

    public ReplicationExecutor executor() {
        return executor;
    }

    public boolean ready() {
        return services.stream().allMatch(Service::ready);
    }

    @Override
    public void close() {
        List<AutoCloseable> reversed = new ArrayList<>(started);
        Collections.reverse(reversed);
        for (AutoCloseable part : reversed) {
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("error while stopping {}: {}", part, e.toString());
            }
        }
        started.clear();
        services.clear();
    }
}
