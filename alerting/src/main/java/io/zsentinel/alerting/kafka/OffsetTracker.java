package io.zsentinel.alerting.kafka;

import io.zsentinel.alerting.dispatch.Settlement;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;

/**
 * Which consumed findings are not settled yet, per partition: the consumer may commit up to
 * the lowest unsettled offset and no further, so a crash re-reads exactly what was pending.
 */
public final class OffsetTracker {
    private final Map<TopicPartition, TreeSet<Long>> unsettled = new HashMap<>();

    public synchronized Settlement track(TopicPartition partition, long offset) {
        unsettled.computeIfAbsent(partition, p -> new TreeSet<>()).add(offset);
        return new Settlement(() -> settle(partition, offset));
    }

    private synchronized void settle(TopicPartition partition, long offset) {
        TreeSet<Long> offsets = unsettled.get(partition);
        if (offsets != null) {
            offsets.remove(offset);
        }
    }

    /** The lowest offset still pending in the partition, if any. */
    public synchronized OptionalLong lowestUnsettled(TopicPartition partition) {
        TreeSet<Long> offsets = unsettled.get(partition);
        return offsets == null || offsets.isEmpty() ? OptionalLong.empty() : OptionalLong.of(offsets.first());
    }

    public synchronized int pending() {
        return unsettled.values().stream().mapToInt(TreeSet::size).sum();
    }

    /** Partitions taken away by a rebalance: their pending records are the new owner's to re-read. */
    public synchronized void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(unsettled::remove);
    }
}
