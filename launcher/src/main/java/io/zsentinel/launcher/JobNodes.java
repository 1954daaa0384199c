package io.zsentinel.launcher;

import io.zsentinel.executor.ExecutorConfig;
import io.zsentinel.executor.config.JobConfig;
import io.zsentinel.executor.config.NodeConfig;
import io.zsentinel.executor.node.RemoteNodeShell;
import io.zsentinel.executor.node.ZfsNode;
import io.zsentinel.remote.CommandListener;
import io.zsentinel.remote.RemoteRunner;
import io.zsentinel.remote.SshOptions;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The executor's jobs and nodes as the verbs that work on the nodes themselves ({@code
 * preflight}, {@code drill}) reach them: over SSH with the configuration's keys and pinned host
 * keys, as the executor does.
 */
final class JobNodes implements AutoCloseable {
    private final ExecutorConfig executor;
    private final Map<String, NodeConfig> nodes = new LinkedHashMap<>();
    private final RemoteRunner ssh;

    JobNodes(ExecutorConfig executor) {
        this.executor = executor;
        executor.nodes().forEach(n -> nodes.put(n.name(), n));
        this.ssh = new RemoteRunner(
                SshOptions.defaults().withConnectTimeout(executor.connectTimeout()), CommandListener.NONE);
    }

    /** Every job, or the one {@code job} names ({@code <cluster>/<vmid>-<n>} or {@code <vmid>-<n>}). */
    static List<JobConfig> select(ExecutorConfig executor, String job, CommandLine commandLine, Object config) {
        String key = job == null ? null : job.contains("/") ? job : executor.cluster() + "/" + job;
        List<JobConfig> jobs = executor.jobs().stream()
                .filter(j -> key == null || j.key().toString().equals(key))
                .toList();
        if (jobs.isEmpty()) {
            throw new CommandLine.ParameterException(
                    commandLine, key == null ? "no job in " + config : "--job: no job " + key + " in " + config);
        }
        return jobs;
    }

    ZfsNode node(String name) {
        return new ZfsNode(new RemoteNodeShell(ssh, nodes.get(name)), ZoneOffset.UTC);
    }

    /** The host key the configuration pins for the node, as a person reads it. */
    String pinnedKey(String name) {
        NodeConfig n = nodes.get(name);
        return n.hostKeyFingerprint() != null ? n.hostKeyFingerprint() : "known_hosts " + n.knownHosts();
    }

    @Override
    public void close() {
        ssh.close();
    }
}
