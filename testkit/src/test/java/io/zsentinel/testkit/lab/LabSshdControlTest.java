package io.zsentinel.testkit.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zsentinel.remote.RemoteFailure;
import io.zsentinel.remote.UnreachableException;
import org.junit.jupiter.api.Test;

/** A node whose sshd is stopped looks offline to the remote module, and comes back. */
@RequiresLab
class LabSshdControlTest {

    @Test
    void aStoppedSshdMakesTheNodeUnreachableUntilItIsStarted(Lab lab) throws Exception {
        String node = lab.nodeNames().get(lab.nodeNames().size() - 1);
        LabShell sh = lab.ssh(node);
        assertThat(sh.ok("zpool", "list", "-H", "-o", "health", "rpool")).isEqualTo("ONLINE");
        try {
            lab.sshdStop(node);
            // The pooled connection died with its sshd; the reconnect is refused.
            assertThatThrownBy(() -> sh.run("true")).isInstanceOfSatisfying(UnreachableException.class, e -> {
                assertThat(e.failure()).isEqualTo(RemoteFailure.UNREACHABLE);
                assertThat(e.endpoint()).isEqualTo(node);
            });
        } finally {
            lab.sshdStart(node);
        }
        // The pool kept running while sshd was down.
        assertThat(sh.ok("zpool", "list", "-H", "-o", "health", "rpool")).isEqualTo("ONLINE");
    }

    @Test
    void nodesReachEachOtherOverSshWithoutPrompts(Lab lab) throws Exception {
        for (String from : lab.nodeNames()) {
            for (String to : lab.nodeNames()) {
                String host = lab.node(to).host();
                assertThat(lab.ssh(from).ok("ssh", to, "hostname"))
                        .as("%s -> ssh %s", from, to)
                        .isNotBlank();
                assertThat(lab.ssh(from)
                                .ok("ssh", "-p", "2222", "root@" + host, "zpool", "list", "-H", "-o", "name", "rpool"))
                        .as("%s -> ssh -p 2222 root@%s", from, host)
                        .isEqualTo("rpool");
            }
        }
    }
}
