package io.zsentinel.testkit.lab;

import io.zsentinel.remote.CommandResult;
import io.zsentinel.remote.RemoteCommand;
import io.zsentinel.remote.RemoteException;
import io.zsentinel.remote.RemoteRunner;
import io.zsentinel.remote.SshEndpoint;
import io.zsentinel.remote.ZfsNames;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The running ZFS lab (deploy/lab) as tests see it: its nodes as {@link SshEndpoint}s, a
 * {@link LabShell} per node, and control over each node's sshd. Obtained from
 * {@link LabExtension}; shared by every test class of the run, so tests use their own
 * dataset names and clean up after themselves.
 */
public final class Lab {
    private final LabScript script;
    private final Path descriptorFile;
    private final Map<String, LabDescriptor.Node> nodes = new LinkedHashMap<>();
    private final RemoteRunner runner;

    Lab(LabScript script, Path descriptorFile, LabDescriptor descriptor, RemoteRunner runner) {
        this.script = script;
        this.descriptorFile = descriptorFile;
        descriptor.nodes().forEach(n -> nodes.put(n.name(), n));
        this.runner = runner;
    }

    /** {@code pve1}, {@code pve2}, ... */
    public List<String> nodeNames() {
        return List.copyOf(nodes.keySet());
    }

    /** The node's SSH endpoint (root, the lab's client key, pinned host key + known_hosts). */
    public SshEndpoint node(String name) {
        return info(name).endpoint();
    }

    /** Everything the descriptor says about the node (pool, data root, ...). */
    public LabDescriptor.Node info(String name) {
        LabDescriptor.Node n = nodes.get(name);
        if (n == null) {
            throw new IllegalArgumentException("no lab node '" + name + "'; the lab has " + nodes.keySet());
        }
        return n;
    }

    public LabShell ssh(String name) {
        return new LabShell(runner, node(name));
    }

    /** The runner behind {@link #ssh}: for {@link RemoteRunner#relay} and for connection counters. */
    public RemoteRunner remote() {
        return runner;
    }

    /** The descriptor file, {@code nodes.json}. */
    public Path descriptor() {
        return descriptorFile;
    }

    /**
     * Makes the node unreachable over SSH: its sshd and every session are killed (as when a node
     * goes offline). Its pool keeps running. Always pair with {@link #sshdStart} in a finally.
     */
    public void sshdStop(String name) {
        control("sshd-stop", name);
    }

    /** Brings the node's sshd back (no-op if it runs); returns once the port accepts connections. */
    public void sshdStart(String name) {
        control("sshd-start", name);
    }

    /**
     * Destroys {@code dataset} with its snapshots and children on every node where it exists, for
     * set-up and clean-up. zfs-fuse sometimes answers "dataset is busy" right after a receive;
     * an unmount and a second try settle it.
     */
    public void destroyEverywhere(String dataset) throws RemoteException {
        ZfsNames.dataset(dataset);
        for (String name : nodes.keySet()) {
            LabShell sh = ssh(name);
            if (!sh.run("zfs", "list", "-H", "-o", "name", dataset).ok()) {
                continue;
            }
            CommandResult r = sh.run("zfs", "destroy", "-r", dataset);
            if (!r.ok()) {
                sh.run("zfs", "unmount", "-f", dataset);
                sh.ok(RemoteCommand.of("zfs", "destroy", "-r", "-f", dataset));
            }
        }
    }

    private void control(String command, String name) {
        info(name);
        try {
            script.require(120, command, name);
        } catch (IOException e) {
            throw new IllegalStateException("lab.sh " + command + " " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: lab.sh " + command + " " + name, e);
        }
    }
}
