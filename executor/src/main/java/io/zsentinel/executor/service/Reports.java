package io.zsentinel.executor.service;

import io.zsentinel.events.data.HeartbeatData;
import io.zsentinel.executor.config.JobConfig;
import java.util.function.BooleanSupplier;

/** The blocking side of the reporter's reports: the spool, SSH. Called on a worker thread. */
public interface Reports {
    void heartbeat(HeartbeatData data);

    /** inventory.reported for both sides of the job's datasets. */
    void inventory(JobConfig job);

    /** pool.usage for every pool of every node, node by node until {@code stopped}. */
    void pools(BooleanSupplier stopped);
}
