package io.zsentinel.collector.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.zsentinel.collector.chain.Snap;
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
    public final List<Snap> snapshots;
    /** This inventory's JSON, kept by the store's writer (immutable, so it stays right); not in the JSON. */
    private volatile Object json;

    public Inventory(String node, boolean exists, long reportedMs, List<Snap> snapshots) {
        this.node = node;
        this.exists = exists;
        this.reportedMs = reportedMs;
        this.snapshots = List.copyOf(snapshots);
    }

    @JsonCreator
    static Inventory fromJson(@JsonProperty("node") String node, @JsonProperty("exists") Boolean exists,
            @JsonProperty("reportedMs") long reportedMs, @JsonProperty("snapshots") List<Snap> snapshots) {
        return new Inventory(node, exists == null || exists, reportedMs, snapshots == null ? List.of() : snapshots);
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
    public Inventory with(List<Snap> newSnapshots, long newReportedMs) {
        return new Inventory(node, exists, newReportedMs, newSnapshots);
    }
}
