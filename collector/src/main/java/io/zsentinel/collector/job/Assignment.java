package io.zsentinel.collector.job;

import io.zsentinel.events.data.HeartbeatData;

/**
 * One job of a heartbeat, re-keyed by the job key so that it reaches the task that owns the
 * job (heartbeats are keyed by executor). {@code timeMs} is the heartbeat's time.
 */
public record Assignment(String executor, long timeMs, HeartbeatData.JobInfo info) {}
