package io.zsentinel.collector.heartbeat;

import io.zsentinel.collector.finding.Episode;
import java.util.Map;
import java.util.TreeMap;

/**
 * One executor as its heartbeats describe it. {@code assignments} holds a hash of each owned
 * job's last reported info so that only changes travel to the jobs. Public fields for the store's JSON.
 */
public final class ExecutorState {
    public String executor;
    public String cluster;
    public long intervalSeconds;
    public long lastSeenMs;
    public Map<String, Integer> assignments = new TreeMap<>();
    public Map<String, Episode> findings = new TreeMap<>();
}
