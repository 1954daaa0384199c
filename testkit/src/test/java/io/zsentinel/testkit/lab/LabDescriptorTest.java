package io.zsentinel.testkit.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zsentinel.remote.SshEndpoint;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The descriptor format lab.sh writes (no lab needed). */
class LabDescriptorTest {
    private static final String JSON = """
      {
        "version": 1,
        "stateDir": "/var/tmp/zsentinel-lab",
        "knownHosts": "/var/tmp/zsentinel-lab/known_hosts",
        "nodes": [
          {"name": "pve1", "host": "127.0.0.11", "port": 2222, "user": "root", "privateKey": "/var/tmp/zsentinel-lab/ssh-client/id_ed25519", "hostKeyFingerprint": "SHA256:D1yAeTkhW+e0uIdqe2KLsM72rU9b/GzWDkm43Lbfgk8", "knownHosts": "/var/tmp/zsentinel-lab/known_hosts", "pool": "rpool", "dataRoot": "rpool/data"},
          {"name": "pve2", "host": "127.0.0.12", "port": 2222, "user": "root", "privateKey": "/var/tmp/zsentinel-lab/ssh-client/id_ed25519", "hostKeyFingerprint": "SHA256:TFS1mg8578pT6vAs+Oiu7Ii1abvrKUrRiqkPI2pzrZ4", "knownHosts": "/var/tmp/zsentinel-lab/known_hosts", "pool": "rpool", "dataRoot": "rpool/data"}
        ]
      }
      """;

    @Test
    void readsEveryNodeAsAPinnedEndpoint() throws IOException {
        LabDescriptor d = LabDescriptor.parse(JSON);
        assertThat(d.nodes()).extracting(LabDescriptor.Node::name).containsExactly("pve1", "pve2");
        SshEndpoint pve2 = d.nodes().get(1).endpoint();
        assertThat(pve2.host()).isEqualTo("127.0.0.12");
        assertThat(pve2.port()).isEqualTo(2222);
        assertThat(pve2.user()).isEqualTo("root");
        assertThat(pve2.privateKey()).isEqualTo(Path.of("/var/tmp/zsentinel-lab/ssh-client/id_ed25519"));
        assertThat(pve2.hostKeyFingerprint()).isEqualTo("SHA256:TFS1mg8578pT6vAs+Oiu7Ii1abvrKUrRiqkPI2pzrZ4");
        assertThat(pve2.knownHosts()).isEqualTo(Path.of("/var/tmp/zsentinel-lab/known_hosts"));
        assertThat(d.nodes().get(0).dataRoot()).isEqualTo("rpool/data");
    }

    @Test
    void refusesOtherVersionsAndIncompleteNodes() {
        assertThatThrownBy(() -> LabDescriptor.parse("{\"version\": 2, \"nodes\": []}"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version");
        assertThatThrownBy(() -> LabDescriptor.parse("{\"version\": 1, \"nodes\": [{\"name\": \"pve1\"}]}"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("'host'");
    }
}
