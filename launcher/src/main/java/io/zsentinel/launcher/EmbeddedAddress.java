package io.zsentinel.launcher;

import io.zsentinel.common.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where {@code zsentinel run}'s embedded broker listens, in {@code <stateDir>/kafka.bootstrap}
 * while it runs: its port is chosen at start (kafka.port 0), and the CLI verbs on the same
 * configuration find it there.
 */
final class EmbeddedAddress {
    static final String FILE = "kafka.bootstrap";

    private EmbeddedAddress() {}

    static AutoCloseable publish(Path stateDir, String bootstrap) {
        Path file = stateDir.resolve(FILE);
        try {
            Path tmp = Files.writeString(stateDir.resolve(FILE + ".tmp"), bootstrap + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return () -> Files.deleteIfExists(file);
    }

    /** kafka.bootstrap when the configuration gives one, else the running embedded broker's address. */
    static String bootstrap(PipelineConfig config) {
        if (!config.kafka().embedded()) {
            return config.kafka().bootstrap();
        }
        Path file = config.stateDir().resolve(FILE);
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw new ConfigException(
                    "kafka.bootstrap",
                    "is not set and no embedded broker runs on stateDir " + config.stateDir() + " (no " + file
                            + "): start `zsentinel run`, or give --bootstrap HOST:PORT");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
