package io.zsentinel.collector.pool;

import io.zsentinel.collector.finding.Episode;
import io.zsentinel.collector.space.UsageSeries;
import java.util.Map;
import java.util.TreeMap;

/** One pool: its last usage sample and the bounded series of free bytes. Public fields for the store's JSON. */
public final class PoolState {
    public String pool;
    public long size;
    public long allocated;
    public long free;
    public String health;
    public long lastSampleMs;
    public UsageSeries series = new UsageSeries();
    public Map<String, Episode> findings = new TreeMap<>();
}
