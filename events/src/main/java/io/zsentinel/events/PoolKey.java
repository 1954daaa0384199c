package io.zsentinel.events;

import java.util.regex.Pattern;

/** {@code <cluster>/<node>/<pool>}, e.g. {@code lab/pve2/rpool}. */
public record PoolKey(String cluster, String node, String pool) {
    /** A node name: a host name label, as Proxmox VE names its nodes. */
    public static final Pattern NODE = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private static final Pattern POOL = Pattern.compile("[A-Za-z][A-Za-z0-9_.:-]{0,254}");

    public PoolKey {
        if (!JobKey.validCluster(cluster)) {
            throw new IllegalArgumentException("invalid cluster name '" + cluster + "' in pool key");
        }
        if (node == null || !NODE.matcher(node).matches()) {
            throw new IllegalArgumentException("invalid node name '" + node + "': expected a host name label");
        }
        if (pool == null || !POOL.matcher(pool).matches()) {
            throw new IllegalArgumentException(
                    "invalid pool name '" + pool + "': starts with a letter, then letters, digits, '_', '.', ':', '-'");
        }
    }

    public static PoolKey parse(String key) {
        String[] parts = key == null ? new String[0] : key.split("/", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("invalid pool key '" + key + "': expected <cluster>/<node>/<pool>");
        }
        return new PoolKey(parts[0], parts[1], parts[2]);
    }

    @Override
    public String toString() {
        return cluster + "/" + node + "/" + pool;
    }
}
