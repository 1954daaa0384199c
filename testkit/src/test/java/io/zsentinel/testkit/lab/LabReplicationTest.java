package io.zsentinel.testkit.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.remote.CommandResult;
import io.zsentinel.remote.RelayResult;
import io.zsentinel.remote.RemoteCommand;
import io.zsentinel.remote.RemoteProcess;
import io.zsentinel.remote.ZfsNames;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replication on the real lab, the way Proxmox names it: a container disk on pve1, a full
 * send to pve2 relayed through this JVM by the remote module, then an incremental one through
 * an OpenSSH pipe run on pve1 (node to node). After each, the snapshot's GUID and the files'
 * checksums must be the same on both nodes.
 */
@RequiresLab
class LabReplicationTest {
    private static final String DATASET = "rpool/data/subvol-101-disk-0";
    private static final Duration SEND_TIMEOUT = Duration.ofMinutes(3);
    // sha256 of every file under the mountpoint, by relative name: a script constant, the
    // directory passed as a positional argument (quoted by RemoteCommand like any argument).
    private static final String CHECKSUMS = "cd \"$1\" && find . -type f | LC_ALL=C sort | xargs -r sha256sum";

    @BeforeEach
    @AfterEach
    void noDataset(Lab lab) throws Exception {
        lab.destroyEverywhere(DATASET);
    }

    @Test
    void fullThenIncrementalReplicationKeepsGuidsAndContent(Lab lab) throws Exception {
        LabShell pve1 = lab.ssh("pve1");
        LabShell pve2 = lab.ssh("pve2");
        pve1.ok("zfs", "create", DATASET);
        String mnt = pve1.ok("zfs", "get", "-H", "-o", "value", "mountpoint", DATASET);
        assertThat(mnt).isEqualTo("/" + DATASET);
        pve1.ok("mkdir", "-p", mnt + "/etc");
        randomFile(pve1, mnt + "/disk.raw", 3);
        randomFile(pve1, mnt + "/etc/hostname", 1);

        long epoch = Instant.now().getEpochSecond();
        String first = ZfsNames.snapshotOf(DATASET, "__replicate_101-0_" + epoch + "__");
        pve1.ok("zfs", "snapshot", first);

        // Full send, relayed through this JVM: pve1's zfs send -> pve2's zfs receive.
        try (RemoteProcess send = pve1.start(RemoteCommand.of("zfs", "send", first));
                RemoteProcess receive = pve2.start(RemoteCommand.of("zfs", "receive", "-F", DATASET))) {
            RelayResult r = lab.remote().relay(send, receive, SEND_TIMEOUT, bytes -> {});
            assertThat(r.ok()).as("relay %s", r).isTrue();
            assertThat(r.bytes()).isGreaterThan(4L * 1024 * 1024);
        }
        assertSameOnBothNodes(pve1, pve2, first, mnt);

        // Change the data: rewrite part of a file, add one, remove one.
        pve1.ok("dd", "if=/dev/urandom", "of=" + mnt + "/disk.raw", "bs=64k", "count=8", "seek=5", "conv=notrunc");
        randomFile(pve1, mnt + "/new.log", 1);
        pve1.ok("rm", mnt + "/etc/hostname");
        String second = ZfsNames.snapshotOf(DATASET, "__replicate_101-0_" + (epoch + 1) + "__");
        pve1.ok("zfs", "snapshot", second);

        // Incremental, node to node: an OpenSSH pipe on pve1 into pve2 (as pvesr does it).
        RemoteCommand receiveOnPve2 = RemoteCommand.of("zfs", "receive", "-F", DATASET);
        RemoteCommand pipe = RemoteCommand.of("zfs", "send", "-i", first, second)
                .pipe("ssh", "pve2", receiveOnPve2.toShell())
                .withPipefail();
        CommandResult r = pve1.run(pipe, SEND_TIMEOUT);
        assertThat(r.ok()).as("`%s` on pve1: %s", pipe, r.describeFailure()).isTrue();
        assertSameOnBothNodes(pve1, pve2, second, mnt);
        assertThat(pve2.ok("zfs", "list", "-H", "-t", "snapshot", "-o", "name", "-r", DATASET)
                        .lines())
                .containsExactly(first, second);
    }

    private static void assertSameOnBothNodes(LabShell pve1, LabShell pve2, String snapshot, String mnt)
            throws Exception {
        String guid1 = pve1.ok("zfs", "get", "-H", "-p", "-o", "value", "guid", snapshot);
        String guid2 = pve2.ok("zfs", "get", "-H", "-p", "-o", "value", "guid", snapshot);
        assertThat(guid1).as("guid of %s on pve1", snapshot).matches("[0-9]+");
        assertThat(guid2)
                .as("guid of %s on pve2 (pve1 has %s)", snapshot, guid1)
                .isEqualTo(guid1);

        String sums1 = pve1.ok("sh", "-c", CHECKSUMS, "sh", mnt);
        String sums2 = pve2.ok("sh", "-c", CHECKSUMS, "sh", mnt);
        assertThat(sums1).as("checksums on pve1").isNotBlank();
        assertThat(sums2)
                .as("file checksums on pve2 after receiving %s", snapshot)
                .isEqualTo(sums1);
    }

    private static void randomFile(LabShell node, String path, int mib) throws Exception {
        node.ok("dd", "if=/dev/urandom", "of=" + path, "bs=1M", "count=" + mib);
    }
}
