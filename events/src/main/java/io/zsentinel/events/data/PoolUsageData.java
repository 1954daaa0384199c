package io.zsentinel.events.data;

/** {@code zsentinel.pool.usage}: bytes of one pool; {@code health} as {@code zpool list} prints it. */
public record PoolUsageData(String node, String pool, long size, long allocated, long free, String health)
        implements EventData {
    public PoolUsageData {
        Require.text(node, "node");
        Require.text(pool, "pool");
        Require.notNegative(size, "size");
        Require.notNegative(allocated, "allocated");
        Require.notNegative(free, "free");
        Require.text(health, "health");
    }

    @Override
    public String hostName() {
        return node;
    }
}
