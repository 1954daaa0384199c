package io.zsentinel.collector.chain;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.zsentinel.events.data.InventoryData;

/**
 * One snapshot as the collector keeps it: compact (epoch millis, no ECS noise) because it is
 * stored for every dataset of every job. {@code txg}, {@code used} and {@code referenced} are
 * null when the node did not report them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Snap(String name, String guid, long creationMs, Long txg, Long used, Long referenced) {

    public static Snap of(InventoryData.Snapshot s) {
        return new Snap(s.name(), s.guid(), s.creation().toEpochMilli(), s.createtxg(), s.used(), s.referenced());
    }

    /**
     * Creation order: by transaction group when both sides know it (creation times have
     * one-second resolution and can tie), else by creation time, then by name.
     */
    public static int compareAge(Snap a, Snap b) {
        if (a.txg != null && b.txg != null && !a.txg.equals(b.txg)) {
            return Long.compare(a.txg, b.txg);
        }
        int byTime = Long.compare(a.creationMs, b.creationMs);
        return byTime != 0 ? byTime : a.name.compareTo(b.name);
    }
}
