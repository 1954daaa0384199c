package io.zsentinel.collector.topology;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.processor.TaskId;

/**
 * Whether every task of this instance has evaluated its subjects since it started. The last
 * published statuses live on the heap only (the state topic is their durable copy), so a task that
 * starts, after a restart or a rebalance, holds no status until its first tick. Until then the API
 * answers 503 for statuses and {@code /health/ready} is down: a list without the task's jobs would
 * read as "these jobs are gone" to a client (a Zabbix discovery, a script).
 */
public final class Readiness {
    private final Set<TaskId> waiting = ConcurrentHashMap.newKeySet();

    void started(TaskId task) {
        waiting.add(task);
    }

    /** After the task's first tick, which evaluated every subject it holds. */
    void evaluated(TaskId task) {
        waiting.remove(task);
    }

    void closed(TaskId task) {
        waiting.remove(task);
    }

    /** True when no task of this instance waits for its first tick. */
    public boolean statusesComplete() {
        return waiting.isEmpty();
    }
}
