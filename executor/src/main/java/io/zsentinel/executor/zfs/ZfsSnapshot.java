package io.zsentinel.executor.zfs;

import io.zsentinel.events.data.InventoryData;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * One snapshot of one dataset: {@code name} is the part after {@code @}; {@code guid} is the
 * identity that survives send/receive (names do not prove anything, GUIDs do);
 * {@code createtxg}, {@code used}, {@code referenced} are null when the node cannot say.
 */
public record ZfsSnapshot(String name, String guid, Instant creation, Long createtxg, Long used, Long referenced) {
    /** Oldest first: createtxg when both sides have it, else creation time, then name. */
    public static final Comparator<ZfsSnapshot> AGE = (a, b) -> {
        if (a.createtxg != null && b.createtxg != null && !a.createtxg.equals(b.createtxg)) {
            return Long.compare(a.createtxg, b.createtxg);
        }
        int byCreation = a.creation.compareTo(b.creation);
        return byCreation != 0 ? byCreation : a.name.compareTo(b.name);
    };

    public ZfsSnapshot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(guid, "guid");
        Objects.requireNonNull(creation, "creation");
    }

    /** A snapshot known only by name, GUID and creation (tests, minimal inventories). */
    public static ZfsSnapshot of(String name, String guid, long creationEpoch) {
        return new ZfsSnapshot(name, guid, Instant.ofEpochSecond(creationEpoch), null, null, null);
    }

    public InventoryData.Snapshot toEvent() {
        return new InventoryData.Snapshot(name, guid, creation, createtxg, used, referenced);
    }
}
