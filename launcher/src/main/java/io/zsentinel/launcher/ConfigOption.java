package io.zsentinel.launcher;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code -c/--config FILE} for the verbs that read the configuration (the jobs, Kafka, the
 * command secret), and the environment its {@code {env: NAME}} secrets come from.
 */
final class ConfigOption implements UsesEnvironment {
    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            defaultValue = "/etc/zsentinel/zsentinel.yaml",
            description = "the configuration file (default: ${DEFAULT-VALUE})")
    Path file;

    private Map<String, String> environment = System.getenv();

    @Override
    public void useEnvironment(Map<String, String> environment) {
        this.environment = environment;
    }

    /** The whole file, checked as {@code zsentinel run} checks it (exit 2 naming every bad key). */
    PipelineConfig load() {
        return PipelineConfig.load(file, environment);
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
