package io.zsentinel.chain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * One snapshot of one dataset on one node. {@code name} is the part after {@code @}; {@code guid}
 * is its identity, which survives send, receive and renames (a name proves nothing: a re-created
 * dataset can hold a snapshot of the same name). {@code txg} (createtxg), {@code used} and
 * {@code referenced} are null when the node did not report them. Times are epoch millis because
 * the collector stores a snapshot for every dataset of every job (and leaves unknown figures out).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Snapshot(String name, String guid, long creationMs, Long txg, Long used, Long referenced) {
    /**
     * Oldest first: by transaction group when both know it (creation times have one-second
     * resolution and tie), else by creation time, then by name. Transaction groups count per
     * pool, so only snapshots of the same side are ever compared.
     */
    public static final Comparator<Snapshot> AGE = (a, b) -> {
        if (a.txg != null && b.txg != null && !a.txg.equals(b.txg)) {
            return Long.compare(a.txg, b.txg);
        }
        int byTime = Long.compare(a.creationMs, b.creationMs);
        return byTime != 0 ? byTime : a.name.compareTo(b.name);
    };

    public Snapshot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(guid, "guid");
    }

    public static Snapshot of(String name, String guid, Instant creation, Long txg, Long used, Long referenced) {
        return new Snapshot(name, guid, creation.toEpochMilli(), txg, used, referenced);
    }

    public Instant creation() {
        return Instant.ofEpochMilli(creationMs);
    }
}
