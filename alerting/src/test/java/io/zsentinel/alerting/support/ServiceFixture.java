package io.zsentinel.alerting.support;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.zsentinel.alerting.AlertingConfig;
import io.zsentinel.alerting.AlertingService;
import io.zsentinel.common.config.ConfigReader;
import io.zsentinel.common.service.ServiceContext;
import io.zsentinel.events.kafka.TopicAdmin;
import io.zsentinel.events.kafka.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** Starts the real service against the test broker with a YAML {@code alerting:} section. */
public final class ServiceFixture {
    private ServiceFixture() {}

    public static AlertingConfig config(String alertingYaml, Map<String, String> env) {
        ConfigReader root =
                ConfigReader.parse("alerting:\n" + alertingYaml.stripIndent().indent(2), env, null);
        AlertingConfig config = AlertingConfig.read(root.section("alerting"));
        root.finish();
        return config;
    }

    public static AlertingService start(
            AlertingConfig config,
            String bootstrap,
            Topics topics,
            Vertx vertx,
            Map<String, String> env,
            Path stateDir) {
        TopicAdmin.ensure(bootstrap, topics);
        ServiceContext ctx = new ServiceContext(
                bootstrap,
                topics,
                Clock.systemUTC(),
                vertx,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                env,
                stateDir);
        return AlertingService.start(config, ctx);
    }
}
