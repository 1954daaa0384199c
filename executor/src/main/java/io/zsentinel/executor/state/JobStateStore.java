package io.zsentinel.executor.state;

import com.fasterxml.jackson.core.type.TypeReference;
import io.zsentinel.events.EventCodec;
import io.zsentinel.executor.scheduling.JobRunState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * pvesr's state file, for the executor: per job key {@code lastTry}, {@code lastSync},
 * {@code failCount} and the last-sync snapshot name, so a restart neither runs every job at
 * once nor forgets a failure streak; and {@code drillSince}, from when its next scheduled drill
 * counts (absent in files older than drills: then from the start). Written atomically after each
 * run and drill.
 */
public final class JobStateStore {
    /** One job's persisted state. */
    public record Saved(Instant lastTry, Instant lastSync, int failCount, String lastSnapshot, Instant drillSince) {
        public Saved(Instant lastTry, Instant lastSync, int failCount, String lastSnapshot) {
            this(lastTry, lastSync, failCount, lastSnapshot, null);
        }

        public JobRunState runState() {
            return new JobRunState(lastTry, lastSync, failCount, false);
        }
    }

    private final Path file;

    public JobStateStore(Path file) {
        this.file = file;
    }

    public synchronized Map<String, Saved> load() {
        if (!Files.exists(file)) {
            return new HashMap<>();
        }
        try {
            return new HashMap<>(
                    EventCodec.mapper().readValue(file.toFile(), new TypeReference<Map<String, Saved>>() {}));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the job state " + file, e);
        }
    }

    public synchronized void save(Map<String, Saved> states) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            EventCodec.mapper().writeValue(tmp.toFile(), states);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the job state " + file, e);
        }
    }
}
