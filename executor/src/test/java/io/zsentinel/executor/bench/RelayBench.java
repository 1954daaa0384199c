package io.zsentinel.executor.bench;

import io.zsentinel.executor.lab.LabNodes;
import io.zsentinel.executor.node.NodeShell;
import io.zsentinel.executor.node.RemoteNodeShell;
import io.zsentinel.executor.transfer.Transfer;
import io.zsentinel.remote.RemoteCommand;
import io.zsentinel.remote.RemoteRunner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Benchmark (not a test): the executor's relay against OpenSSH piping node to node, on the
 * same 200 MiB snapshot in the lab, alternating the two sides run by run.
 * <ol>
 *   <li>replication: relay {@code zfs send | zfs receive} vs {@code ssh pve1 'zfs send | ssh pve2 zfs receive'}</li>
 *   <li>transport alone: the same with {@code cat > /dev/null} as the target command on both sides</li>
 * </ol>
 * Run: see executor/docs/benchmark.md. Args: [rounds] (default 5).
 */
public final class RelayBench {
    private static final String DS = "rpool/data/subvol-299-disk-0";
    private static final String SNAP = DS + "@bench";

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        LabNodes lab = LabNodes.standalone();
        lab.destroyEverywhere(DS);
        lab.sh(
                "pve1",
                "zfs create " + DS + " && dd if=/dev/urandom of=$(zfs get -H -o value mountpoint " + DS
                        + ")/data bs=1M count=200 2>/dev/null && zfs snapshot " + SNAP);
        long bytes = Long.parseLong(lab.sh("pve1", "zfs send " + SNAP + " | wc -c"));
        System.out.printf("stream: %d bytes (%.1f MiB)%n", bytes, bytes / 1048576.0);
        RemoteRunner runner = LabNodes.newRunner();
        NodeShell pve1 = new RemoteNodeShell(runner, lab.node("pve1"));
        NodeShell pve2 = new RemoteNodeShell(runner, lab.node("pve2"));
        pve1.connect();
        pve2.connect();
        try {
            compare(
                    "replication (zfs receive on pve2)",
                    rounds,
                    bytes,
                    () -> Transfer.relay(
                            pve1,
                            RemoteCommand.of("zfs", "send", SNAP),
                            pve2,
                            RemoteCommand.of("zfs", "receive", DS),
                            0,
                            new AtomicBoolean(),
                            b -> {}),
                    () -> lab.sh("pve1", "zfs send " + SNAP + " | ssh pve2 zfs receive " + DS),
                    () -> lab.shRaw(
                            "pve2",
                            "zfs destroy -r " + DS + " 2>/dev/null || { sleep 1; zfs unmount -f " + DS
                                    + "; zfs destroy -r " + DS + "; }"));
            compare(
                    "transport (cat > /dev/null on pve2)",
                    rounds,
                    bytes,
                    () -> Transfer.relay(
                            pve1,
                            RemoteCommand.of("zfs", "send", SNAP),
                            pve2,
                            RemoteCommand.of("sh", "-c", "cat > /dev/null"),
                            0,
                            new AtomicBoolean(),
                            b -> {}),
                    () -> lab.sh("pve1", "zfs send " + SNAP + " | ssh pve2 'cat > /dev/null'"),
                    () -> {});
        } finally {
            lab.destroyEverywhere(DS);
            runner.close();
        }
    }

    interface Step {
        void run() throws Exception;
    }

    private static void compare(String name, int rounds, long bytes, Step relay, Step openssh, Step cleanup)
            throws Exception {
        List<Double> relayMiBs = new ArrayList<>();
        List<Double> sshMiBs = new ArrayList<>();
        cleanup.run();
        for (int i = 0; i < rounds + 1; i++) {
            boolean warmup = i == 0;
            // alternate which side goes first, so drift in the machine's load hits both
            Step first = i % 2 == 0 ? relay : openssh;
            Step second = i % 2 == 0 ? openssh : relay;
            double a = time(first, bytes);
            cleanup.run();
            double b = time(second, bytes);
            cleanup.run();
            if (!warmup) {
                (i % 2 == 0 ? relayMiBs : sshMiBs).add(a);
                (i % 2 == 0 ? sshMiBs : relayMiBs).add(b);
            }
            System.out.printf(
                    "%s round %d%s: relay %.0f MiB/s, openssh %.0f MiB/s%n",
                    name, i, warmup ? " (warm-up)" : "", i % 2 == 0 ? a : b, i % 2 == 0 ? b : a);
        }
        double r = median(relayMiBs);
        double s = median(sshMiBs);
        System.out.printf("%s: median relay %.0f MiB/s, median openssh %.0f MiB/s, ratio %.2f%n", name, r, s, r / s);
    }

    private static double time(Step step, long bytes) throws Exception {
        long t0 = System.nanoTime();
        step.run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        return bytes / 1048576.0 / seconds;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
