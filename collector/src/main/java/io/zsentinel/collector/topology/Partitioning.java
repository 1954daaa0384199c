package io.zsentinel.collector.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Which partition of the events topic holds a job: the producers' default partitioner over the job
 * key (the one the assignments sink uses too), so the task of that partition owns the job's state.
 * A heartbeat's task applies the job parts it owns itself, at once, and re-keys only the others
 * through the assignments topic. {@code partitions <= 0}: unknown, everything goes through the topic.
 */
record Partitioning(int partitions) {
    static final Partitioning UNKNOWN = new Partitioning(0);

    boolean owns(int partition, String jobKey) {
        return partitions > 0
                && partition >= 0
                && Utils.toPositive(Utils.murmur2(jobKey.getBytes(StandardCharsets.UTF_8))) % partitions == partition;
    }
}
