package io.zsentinel.common.service;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.zsentinel.events.kafka.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What the launcher hands every service: where Kafka is, the topic names, the clock (tests pass
 * a controllable one), the shared Vert.x instance and meter registry, the environment (for
 * secrets) and a directory for local state (spool, caches).
 */
public record ServiceContext(
        String bootstrap,
        Topics topics,
        Clock clock,
        Vertx vertx,
        PrometheusMeterRegistry registry,
        Map<String, String> environment,
        Path stateDir) {}
