package io.zsentinel.collector.job;

import io.zsentinel.collector.chain.Snap;
import java.util.ArrayList;
import java.util.List;

/** The last reported snapshots of one dataset on one side of a job. Public fields for the store's JSON. */
public final class Inventory {
    public String node;
    public boolean exists = true;
    public long reportedMs;
    public List<Snap> snapshots = new ArrayList<>();

    public Inventory() {}

    public Inventory(String node, boolean exists, long reportedMs, List<Snap> snapshots) {
        this.node = node;
        this.exists = exists;
        this.reportedMs = reportedMs;
        this.snapshots = new ArrayList<>(snapshots);
    }
}
