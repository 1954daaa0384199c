package io.zsentinel.launcher;

import io.zsentinel.alerting.AlertingConfig;
import io.zsentinel.collector.CollectorConfig;
import io.zsentinel.common.config.ConfigReader;
import io.zsentinel.executor.ExecutorConfig;
import java.nio.file.Path;
import java.util.Map;

/**
 * The whole configuration file: {@code kafka}, {@code stateDir} and one section per service.
 * Every section is read (so every problem is reported at once) even when only one service runs.
 */
record PipelineConfig(
        KafkaSection kafka,
        Path stateDir,
        ExecutorConfig executor,
        CollectorConfig collector,
        AlertingConfig alerting) {

    static PipelineConfig load(Path file, Map<String, String> environment) {
        ConfigReader root = ConfigReader.load(file, environment);
        Path stateDir = root.path("stateDir").orElse(Path.of("/var/lib/zsentinel"));
        KafkaSection kafka = KafkaSection.read(root, stateDir);
        ExecutorConfig executor = ExecutorConfig.read(root.section("executor"));
        CollectorConfig collector = CollectorConfig.read(root.section("collector"));
        AlertingConfig alerting = AlertingConfig.read(root.section("alerting"));
        root.finish();
        return new PipelineConfig(kafka, stateDir, executor, collector, alerting);
    }
}
