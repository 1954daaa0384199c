package io.zsentinel.events.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The {@code group.instance.id} (static group membership, KIP-345) of one of our consumers. A
 * dynamic member killed with SIGKILL stays in its group until its session times out (45 s): the
 * restarted process cannot get its partitions before then, and the pipeline was blind for a
 * minute after every crash. A static member that comes back with the same id takes its
 * partitions back at once.
 *
 * <p>The id must be stable across restarts and unique among the live members of a group, so it
 * is drawn once and kept in the service's own state directory: two processes cannot share one
 * (the collector's is locked by Kafka Streams; the executor's and alerting's are per id), and a
 * copy of a state directory to a second machine is the one way to get the same id twice, which
 * Kafka then refuses with {@code FencedInstanceIdException} rather than splitting the work.
 */
public final class StaticMembership {
    /** Kafka's own limit for the id: the characters of a topic name, at most 249 of them. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,249}");

    private StaticMembership() {}

    /**
     * The id kept in {@code dir/<name>.instance-id}: {@code <name>-<random UUID>}, drawn and
     * written atomically the first time.
     *
     * @throws UncheckedIOException if the file cannot be read or written
     * @throws IllegalStateException if the file holds something that is not a valid id
     */
    public static String instanceId(Path dir, String name) {
        Path file = dir.resolve(name + ".instance-id");
        try {
            if (Files.exists(file)) {
                String id = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!VALID.matcher(id).matches()) {
                    throw new IllegalStateException(
                            file + " does not hold a group instance id (delete it to draw a new one)");
                }
                return id;
            }
            Files.createDirectories(dir);
            String id = name + "-" + UUID.randomUUID();
            Path tmp = Files.createTempFile(dir, name, ".tmp");
            Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the group instance id in " + file, e);
        }
    }
}
