package io.zsentinel.collector.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.zsentinel.chain.Side;
import io.zsentinel.chain.Snapshot;
import io.zsentinel.events.data.InventoryData;
import java.util.List;
import java.util.function.Function;

/**
 * The last reported snapshots of one dataset on one side of a job. Immutable: a change makes a
 * new one. A job's state is stored again on every event while its inventories rarely change, so
 * the store's JSON writer encodes each inventory once and keeps the text here
 * ({@code topology.MemoizedJson}).
 * Public fields for the store's JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class Inventory {
    public final String node;
    public final boolean exists;
    public final long reportedMs;
    public final List<Snapshot> snapshots;
    /** This inventory's JSON, kept by the store's writer (immutable, so it stays right); not in the JSON. */
    private volatile Object json;

    public Inventory(String node, boolean exists, long reportedMs, List<Snapshot> snapshots) {
        this.node = node;
        this.exists = exists;
        this.reportedMs = reportedMs;
        this.snapshots = List.copyOf(snapshots);
    }

    @JsonCreator
    static Inventory fromJson(
            @JsonProperty("node") String node,
            @JsonProperty("exists") Boolean exists,
            @JsonProperty("reportedMs") long reportedMs,
            @JsonProperty("snapshots") List<Snapshot> snapshots) {
        return new Inventory(node, exists == null || exists, reportedMs, snapshots == null ? List.of() : snapshots);
    }

    /** A reported snapshot as the collector keeps it. */
    public static Snapshot snapshot(InventoryData.Snapshot s) {
        return Snapshot.of(s.name(), s.guid(), s.creation(), s.createtxg(), s.used(), s.referenced());
    }

    /** This inventory as one side of {@code dataset}'s chain. */
    public Side side(String dataset) {
        return new Side(dataset, exists, snapshots);
    }

    /** Its JSON as {@code write} makes it, made once. */
    public Object json(Function<Inventory, Object> write) {
        Object text = json;
        if (text == null) {
            text = write.apply(this);
            json = text;
        }
        return text;
    }

    /** This inventory after a snapshot was created or destroyed on that side. */
    public Inventory with(List<Snapshot> newSnapshots, long newReportedMs) {
        return new Inventory(node, exists, newReportedMs, newSnapshots);
    }
}
