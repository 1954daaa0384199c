package io.zsentinel.testkit.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zsentinel.remote.SshEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The lab's machine-readable node list, {@code nodes.json} in the lab's state directory,
 * written by {@code deploy/lab/lab.sh up}:
 * <pre>{@code
 * {"version": 1, "stateDir": "...", "knownHosts": "...", "nodes": [
 *   {"name": "pve1", "host": "127.0.0.11", "port": 2222, "user": "root",
 *    "privateKey": ".../ssh-client/id_ed25519", "hostKeyFingerprint": "SHA256:...",
 *    "knownHosts": ".../known_hosts", "pool": "rpool", "dataRoot": "rpool/data"}, ...]}
 * }</pre>
 */
public record LabDescriptor(List<Node> nodes) {

    /** One node of the lab. */
    public record Node(
            String name,
            String host,
            int port,
            String user,
            Path privateKey,
            String hostKeyFingerprint,
            Path knownHosts,
            String pool,
            String dataRoot) {

        /** The node as an SSH endpoint: host key pinned and also checked against known_hosts. */
        public SshEndpoint endpoint() {
            return new SshEndpoint(name, host, port, user, privateKey, hostKeyFingerprint, knownHosts);
        }
    }

    public LabDescriptor {
        nodes = List.copyOf(nodes);
    }

    public static LabDescriptor read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    public static LabDescriptor parse(String json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        int version = root.path("version").asInt(-1);
        if (version != 1) {
            throw new IOException("unsupported lab descriptor version " + root.path("version") + " (expected 1)");
        }
        List<Node> nodes = new ArrayList<>();
        for (JsonNode n : root.path("nodes")) {
            nodes.add(new Node(
                    text(n, "name"),
                    text(n, "host"),
                    n.path("port").asInt(),
                    text(n, "user"),
                    Path.of(text(n, "privateKey")),
                    text(n, "hostKeyFingerprint"),
                    n.hasNonNull("knownHosts") ? Path.of(n.get("knownHosts").asText()) : null,
                    n.path("pool").asText("rpool"),
                    n.path("dataRoot").asText("rpool/data")));
        }
        return new LabDescriptor(nodes);
    }

    private static String text(JsonNode n, String field) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || !v.isValueNode()) {
            throw new IOException("lab descriptor node " + n + " has no '" + field + "'");
        }
        return v.asText();
    }
}
