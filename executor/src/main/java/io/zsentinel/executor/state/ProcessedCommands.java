package io.zsentinel.executor.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The idempotency keys of commands already taken, one per line in an append-only file, so a
 * redelivered or replayed command (a restart before the offset commit) never runs twice.
 * Remembers the last {@code capacity} ids; the file is compacted when it grows past twice that.
 */
public final class ProcessedCommands {
    private final Path file;
    private final int capacity;
    private final Set<String> ids = new HashSet<>();
    private final Deque<String> order = new ArrayDeque<>();
    private int linesInFile;

    public ProcessedCommands(Path file, int capacity) {
        this.file = file;
        this.capacity = capacity;
        try {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                lines.stream().filter(l -> !l.isBlank()).forEach(this::remember);
                linesInFile = lines.size();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read processed commands " + file, e);
        }
    }

    public synchronized boolean seen(String commandId) {
        return ids.contains(commandId);
    }

    /** Records the id (durably) before the command runs; false if it was already there. */
    public synchronized boolean markProcessed(String commandId) {
        if (commandId.contains("\n") || ids.contains(commandId)) {
            return false;
        }
        remember(commandId);
        try {
            Files.createDirectories(file.getParent());
            if (++linesInFile > 2 * capacity) {
                Files.write(file, order, StandardCharsets.UTF_8);
                linesInFile = order.size();
            } else {
                Files.writeString(
                        file,
                        commandId + "\n",
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND,
                        StandardOpenOption.SYNC);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record command " + commandId, e);
        }
        return true;
    }

    private void remember(String id) {
        if (ids.add(id)) {
            order.addLast(id);
            while (order.size() > capacity) {
                ids.remove(order.removeFirst());
            }
        }
    }
}
