package io.zsentinel.launcher;

import io.zsentinel.common.config.ConfigReader;
import io.zsentinel.events.kafka.Topics;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The top-level {@code kafka:} section. Without {@code bootstrap}, {@code zsentinel run} starts
 * an embedded single-node broker whose data lives in {@code dataDir}.
 */
record KafkaSection(String bootstrap, Topics topics, Path dataDir, int port) {
    private static final Pattern BOOTSTRAP = Pattern.compile("[A-Za-z0-9.\\-]+:\\d{1,5}(,[A-Za-z0-9.\\-]+:\\d{1,5})*");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,100}");

    static KafkaSection read(ConfigReader root, Path stateDir) {
        ConfigReader kafka = root.section("kafka");
        String bootstrap = kafka.matching("bootstrap", BOOTSTRAP, "a host:port list", null, false);
        String prefix = kafka.matching(
                "topicPrefix", PREFIX, "a topic prefix (letters, digits, . _ -)", Topics.DEFAULT_PREFIX, false);
        Path dataDir = kafka.path("dataDir").orElse(stateDir.resolve("kafka"));
        int port = (int) kafka.integer("port", 0, 0, 65535);
        return new KafkaSection(bootstrap, new Topics(prefix), dataDir, port);
    }

    boolean embedded() {
        return bootstrap == null;
    }
}
