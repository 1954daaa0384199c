package io.zsentinel.executor.service;

import io.zsentinel.events.EventType;
import io.zsentinel.events.PoolKey;
import io.zsentinel.events.data.HeartbeatData;
import io.zsentinel.events.data.PoolUsageData;
import io.zsentinel.executor.config.JobConfig;
import io.zsentinel.executor.node.NodeFailure;
import io.zsentinel.executor.node.ZfsNode;
import io.zsentinel.executor.run.ReplicationRun;
import io.zsentinel.executor.run.RunEvents;
import io.zsentinel.executor.zfs.ZfsOutput;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link Reports} on the nodes and the spool. */
public final class NodeReports implements Reports {
    private static final Logger LOG = LoggerFactory.getLogger(NodeReports.class);

    private final String executorId;
    private final String cluster;
    private final Map<String, ZfsNode> nodes;
    private final RunEvents events;

    public NodeReports(String executorId, String cluster, Map<String, ZfsNode> nodes, RunEvents events) {
        this.executorId = executorId;
        this.cluster = cluster;
        this.nodes = new LinkedHashMap<>(nodes);
        this.events = events;
    }

    @Override
    public void heartbeat(HeartbeatData data) {
        events.fact(EventType.EXECUTOR_HEARTBEAT, executorId, data);
    }

    /**
     * Only of a job that is not running (the reporter claims it first): mid-run, a full receive
     * shows the target dataset before its first snapshot, which reads as a broken chain (and would
     * order a resync of a job's very first sync). A run's own inventories are taken when it ends.
     */
    @Override
    public void inventory(JobConfig job) {
        new ReplicationRun(job, nodes.get(job.source()), nodes.get(job.target()), events, new AtomicBoolean())
                .reportInventories();
    }

    @Override
    public void pools(BooleanSupplier stopped) {
        for (ZfsNode node : nodes.values()) {
            if (stopped.getAsBoolean()) {
                return;
            }
            try {
                for (ZfsOutput.PoolLine p : node.pools()) {
                    String key = new PoolKey(cluster, node.name(), p.name()).toString();
                    events.fact(
                            EventType.POOL_USAGE,
                            key,
                            new PoolUsageData(node.name(), p.name(), p.size(), p.allocated(), p.free(), p.health()));
                }
            } catch (NodeFailure | IllegalArgumentException e) {
                LOG.info("no pool usage from {}: {}", node.name(), e.getMessage());
            }
        }
    }
}
