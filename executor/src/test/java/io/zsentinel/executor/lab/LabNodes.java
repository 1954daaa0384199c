package io.zsentinel.executor.lab;

import com.fasterxml.jackson.databind.JsonNode;
import io.zsentinel.events.EventCodec;
import io.zsentinel.executor.config.NodeConfig;
import io.zsentinel.executor.node.NodeFailure;
import io.zsentinel.executor.node.NodeShell;
import io.zsentinel.executor.node.RemoteNodeShell;
import io.zsentinel.executor.node.ZfsNode;
import io.zsentinel.remote.CommandListener;
import io.zsentinel.remote.CommandResult;
import io.zsentinel.remote.RemoteCommand;
import io.zsentinel.remote.RemoteRunner;
import io.zsentinel.remote.SshOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The two-node zfs-fuse lab (deploy/lab) in the executor's terms: its nodes as
 * {@link NodeConfig}s, shell scripts for set-up and checks, sshd control. Tests get it from
 * testkit's {@link io.zsentinel.testkit.lab.LabExtension} ({@link #of}); the benchmark, a
 * plain main, reads the descriptor itself ({@link #standalone}).
 */
public final class LabNodes {
    static final Path LAB_SH =
            Path.of("..", "deploy", "lab", "lab.sh").toAbsolutePath().normalize();
    static final Path DESCRIPTOR =
            Path.of(System.getenv().getOrDefault("ZSENTINEL_LAB_DIR", "/var/tmp/zsentinel-lab"), "nodes.json");

    private static LabNodes standalone;

    private final Map<String, NodeConfig> nodes = new LinkedHashMap<>();
    private final Map<String, NodeShell> shells = new LinkedHashMap<>();
    /** The lab's own connections, for set-up and checks (tests give the code under test others). */
    private final RemoteRunner runner;

    private final io.zsentinel.testkit.lab.Lab lab;

    /** The lab testkit's LabExtension brought up. */
    public static LabNodes of(io.zsentinel.testkit.lab.Lab lab) {
        return new LabNodes(lab);
    }

    private LabNodes(io.zsentinel.testkit.lab.Lab lab) {
        this.lab = lab;
        this.runner = lab.remote();
        for (String name : lab.nodeNames()) {
            var n = lab.info(name);
            nodes.put(
                    name,
                    new NodeConfig(
                            n.name(),
                            n.host(),
                            n.port(),
                            n.user(),
                            n.privateKey(),
                            n.hostKeyFingerprint(),
                            n.knownHosts()));
        }
    }

    private LabNodes() throws IOException, InterruptedException {
        this.lab = null;
        this.runner = newRunner();
        if (labSh("status") != 0) {
            int rc = labSh("up");
            if (rc != 0) {
                throw new IllegalStateException("lab.sh up failed with " + rc);
            }
        }
        JsonNode root = EventCodec.mapper().readTree(Files.readString(DESCRIPTOR));
        for (JsonNode n : root.get("nodes")) {
            NodeConfig node = new NodeConfig(
                    n.get("name").asText(),
                    n.get("host").asText(),
                    n.get("port").asInt(),
                    n.get("user").asText(),
                    Path.of(n.get("privateKey").asText()),
                    n.get("hostKeyFingerprint").asText(),
                    null);
            nodes.put(node.name(), node);
        }
    }

    /** Without JUnit (the benchmark): lab.sh up when unhealthy, then the descriptor. */
    public static synchronized LabNodes standalone() {
        if (standalone == null) {
            try {
                standalone = new LabNodes();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the lab descriptor " + DESCRIPTOR, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return standalone;
    }

    static int labSh(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 2];
        cmd[0] = "bash";
        cmd[1] = LAB_SH.toString();
        System.arraycopy(args, 0, cmd, 2, args.length);
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    public NodeConfig node(String name) {
        return nodes.get(name);
    }

    public synchronized NodeShell shell(String name) {
        return shells.computeIfAbsent(name, n -> new RemoteNodeShell(runner, nodes.get(n)));
    }

    /** Connections of their own, as an executor has; close it after the test. */
    public static RemoteRunner newRunner() {
        return new RemoteRunner(SshOptions.defaults().withConnectTimeout(Duration.ofSeconds(5)), CommandListener.NONE);
    }

    /** A ZfsNode on {@code runner}'s connections. */
    public ZfsNode zfsNode(String name, RemoteRunner runner) {
        return new ZfsNode(new RemoteNodeShell(runner, nodes.get(name)), ZoneOffset.UTC);
    }

    /** Runs a shell script on a node; fails the test on a non-zero exit. */
    public String sh(String node, String script) {
        CommandResult r = shRaw(node, script);
        if (!r.ok()) {
            throw new AssertionError("on " + node + ": `" + script + "` exited " + r.exitCode() + ": " + r.stderr());
        }
        return r.stdout().strip();
    }

    public CommandResult shRaw(String node, String script) {
        try {
            return shell(node).exec(RemoteCommand.of("sh", "-c", script), Duration.ofMinutes(5));
        } catch (NodeFailure e) {
            throw new AssertionError("on " + node + ": " + e.getMessage(), e);
        }
    }

    public void sshdStop(String node) {
        if (lab != null) {
            lab.sshdStop(node);
        } else {
            run("sshd-stop", node);
        }
    }

    public void sshdStart(String node) {
        if (lab != null) {
            lab.sshdStart(node);
        } else {
            run("sshd-start", node);
        }
    }

    private static void run(String... args) {
        try {
            int rc = labSh(args);
            if (rc != 0) {
                throw new AssertionError("lab.sh " + String.join(" ", args) + " exited " + rc);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Destroys a dataset (and its snapshots) and every dataset whose name starts with it (its
     * resync orphans) on both nodes; zfs-fuse's "busy" is settled by an unmount and a retry.
     */
    public void destroyEverywhere(String dataset) {
        for (String node : nodes.keySet()) {
            shRaw(
                    node,
                    "for d in $(zfs list -H -o name | grep '^" + dataset + "'); do zfs destroy -rf $d 2>/dev/null"
                            + " || { sleep 1; zfs unmount -f $d; zfs destroy -rf $d; }; done; true");
        }
    }

    /** sha256 of every file of a directory tree (relative names), for content comparison. */
    public String contentChecksum(String node, String directory) {
        return sh(node, "cd '" + directory + "' && find . -type f | LC_ALL=C sort | xargs -r sha256sum | sha256sum");
    }
}
