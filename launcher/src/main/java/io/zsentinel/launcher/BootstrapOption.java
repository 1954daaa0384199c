package io.zsentinel.launcher;

import picocli.CommandLine.Option;

/** {@code --bootstrap HOST:PORT} for the verbs that talk to Kafka; without it, the configuration says where. */
final class BootstrapOption {
    @Option(
            names = "--bootstrap",
            paramLabel = "HOST:PORT",
            description =
                    "Kafka (default: kafka.bootstrap, or the embedded broker of `zsentinel run` on the same stateDir)")
    String bootstrap;

    String resolve(PipelineConfig config) {
        return bootstrap != null ? bootstrap : EmbeddedAddress.bootstrap(config);
    }
}
