package io.zsentinel.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SshEndpointTest {
    private static final Path KEY = Path.of("/keys/id_ed25519");
    private static final String FP = "SHA256:D1yAeTkhW+e0uIdqe2KLsM72rU9b/GzWDkm43Lbfgk8";

    @Test
    void pinnedAndKnownHostsForms() {
        SshEndpoint pinned = SshEndpoint.pinned("pve1", "127.0.0.11", 2222, "root", KEY, FP);
        assertThat(pinned.address()).isEqualTo("root@127.0.0.11:2222");
        assertThat(pinned.knownHosts()).isNull();
        SshEndpoint kh = SshEndpoint.withKnownHosts("pve1", "pve1.example.org", 22, "root", KEY, Path.of("/kh"));
        assertThat(kh.hostKeyFingerprint()).isNull();
        assertThat(new SshEndpoint("pve1", "::1", 22, "root", KEY, FP, Path.of("/kh")).host())
                .isEqualTo("::1");
    }

    @Test
    void acceptsPaddedFingerprintAndComparesUnpadded() {
        SshEndpoint e = SshEndpoint.pinned("n", "h", 22, "root", KEY, FP + "=");
        assertThat(e.normalizedFingerprint()).isEqualTo(FP);
    }

    @Test
    void refusesAnEndpointWithoutHostKeyVerification() {
        assertThatThrownBy(() -> new SshEndpoint("pve1", "h", 22, "root", KEY, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host keys are always verified");
    }

    @Test
    void validatesEveryField() {
        assertInvalid(() -> SshEndpoint.pinned("", "h", 22, "root", KEY, FP), "name");
        assertInvalid(() -> SshEndpoint.pinned("pve 1", "h", 22, "root", KEY, FP), "name 'pve 1'");
        assertInvalid(
                () -> SshEndpoint.pinned("pve1", "-oProxyCommand=x", 22, "root", KEY, FP), "host '-oProxyCommand=x'");
        assertInvalid(() -> SshEndpoint.pinned("pve1", "a b", 22, "root", KEY, FP), "host");
        assertInvalid(() -> SshEndpoint.pinned("pve1", "h", 0, "root", KEY, FP), "port '0'");
        assertInvalid(() -> SshEndpoint.pinned("pve1", "h", 65536, "root", KEY, FP), "port");
        assertInvalid(() -> SshEndpoint.pinned("pve1", "h", 22, "root;id", KEY, FP), "user 'root;id'");
        assertInvalid(() -> SshEndpoint.pinned("pve1", "h", 22, "root", null, FP), "privateKey");
        assertInvalid(
                () -> SshEndpoint.pinned("pve1", "h", 22, "root", KEY, "MD5:aa:bb"), "hostKeyFingerprint 'MD5:aa:bb'");
        assertInvalid(() -> SshEndpoint.pinned("pve1", "h", 22, "root", KEY, "SHA256:short"), "hostKeyFingerprint");
    }

    private static void assertInvalid(Runnable r, String field) {
        assertThatThrownBy(r::run)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid SSH endpoint " + field);
    }
}
