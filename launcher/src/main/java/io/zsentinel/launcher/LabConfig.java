package io.zsentinel.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration of the quick start: every node of the lab's descriptor
 * ({@code deploy/lab/lab.sh} writes {@code nodes.json}), two container disks on the first node
 * replicated to the second every minute, fast heartbeats and inventories so that the dashboard
 * moves, and automatic resync of the lab's jobs. Pure: descriptor in, YAML tree out.
 */
final class LabConfig {
    static final String CLUSTER = "lab";
    static final List<String> GUESTS = List.of("100", "101");

    private LabConfig() {}

    /** The dataset of a guest's first container disk, as Proxmox names it. */
    static String dataset(JsonNode node, String vmid) {
        return node.path("dataRoot").asText("rpool/data") + "/subvol-" + vmid + "-disk-0";
    }

    static Map<String, Object> render(JsonNode descriptor, Path stateDir, Path commandSecretFile, int httpPort) {
        List<JsonNode> nodes = new ArrayList<>();
        descriptor.path("nodes").forEach(nodes::add);
        if (nodes.size() < 2) {
            throw new IllegalArgumentException("the lab descriptor lists " + nodes.size()
                    + " node(s); the quick start replicates between two: run deploy/lab/lab.sh up 2");
        }
        JsonNode source = nodes.get(0);
        JsonNode target = nodes.get(1);

        Map<String, Object> root = new LinkedHashMap<>();
        root.put("stateDir", stateDir.toString());
        root.put("kafka", Map.of("dataDir", stateDir.resolve("kafka").toString()));

        Map<String, Object> executor = new LinkedHashMap<>();
        executor.put("id", "lab-executor");
        executor.put("cluster", CLUSTER);
        executor.put("timezone", "UTC");
        executor.put("schedulerTick", "1s");
        executor.put("heartbeatInterval", "5s");
        executor.put("inventoryInterval", "30s");
        executor.put("poolInterval", "30s");
        executor.put("commandSecret", Map.of("file", commandSecretFile.toString()));
        List<Map<String, Object>> nodeList = new ArrayList<>();
        for (JsonNode n : nodes) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("name", n.path("name").asText());
            node.put("host", n.path("host").asText());
            node.put("port", n.path("port").asInt(22));
            node.put("user", n.path("user").asText("root"));
            node.put("privateKey", n.path("privateKey").asText());
            node.put("hostKeyFingerprint", n.path("hostKeyFingerprint").asText());
            nodeList.add(node);
        }
        executor.put("nodes", nodeList);
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (String vmid : GUESTS) {
            Map<String, Object> job = new LinkedHashMap<>();
            job.put("id", vmid + "-0");
            job.put("source", source.path("name").asText());
            job.put("target", target.path("name").asText());
            job.put("datasets", List.of(dataset(source, vmid)));
            job.put("schedule", "*/1");
            job.put("rpoTarget", "3m");
            jobs.add(job);
        }
        executor.put("jobs", jobs);
        root.put("executor", executor);

        root.put("collector", Map.of("http", Map.of("host", "127.0.0.1", "port", httpPort)));

        Map<String, Object> resync = new LinkedHashMap<>();
        resync.put("enabled", true);
        resync.put("jobs", List.of(CLUSTER + "/*"));
        resync.put("coolDown", "5m");
        resync.put("maxConcurrent", 1);
        resync.put("secret", Map.of("file", commandSecretFile.toString()));
        Map<String, Object> alerting = new LinkedHashMap<>();
        alerting.put("id", "lab-alerting");
        alerting.put("http", Map.of("host", "127.0.0.1", "port", httpPort + 1));
        alerting.put("resync", resync);
        root.put("alerting", alerting);
        return root;
    }
}
