package io.zsentinel.alerting.zabbix;

import java.util.Map;

/**
 * Which Zabbix host a job's or pool's values go to. {@code CLUSTER} (the default): one Zabbix
 * host per cluster, named after it, holding all its jobs and pools (the items carry the full
 * job / pool key, so names never collide). {@code NODE}: one host per node: a job's values go
 * to its source node, a pool's to its node. {@code rename} maps a cluster or node name to a
 * different Zabbix host name.
 */
public record HostMapping(By by, Map<String, String> rename) {
    public enum By {
        CLUSTER,
        NODE
    }

    public HostMapping {
        rename = Map.copyOf(rename);
    }

    public static HostMapping byCluster() {
        return new HostMapping(By.CLUSTER, Map.of());
    }

    public String forJob(String cluster, String sourceNode) {
        return name(by == By.NODE && sourceNode != null ? sourceNode : cluster);
    }

    public String forPool(String cluster, String node) {
        return name(by == By.NODE && node != null ? node : cluster);
    }

    /** For a finding: its node label in NODE mode, else its cluster. */
    public String forLabels(Map<String, String> labels) {
        String cluster = labels.getOrDefault("cluster", "zsentinel");
        return name(by == By.NODE && labels.containsKey("node") ? labels.get("node") : cluster);
    }

    private String name(String clusterOrNode) {
        return rename.getOrDefault(clusterOrNode, clusterOrNode);
    }
}
