package io.zsentinel.executor.config;

import java.nio.file.Path;

/**
 * One ZFS host reached over SSH. Exactly one of {@code hostKeyFingerprint} (e.g.
 * {@code SHA256:...}) and {@code knownHosts} pins its host key.
 */
public record NodeConfig(
        String name, String host, int port, String user, Path privateKey, String hostKeyFingerprint, Path knownHosts) {
    @Override
    public String toString() {
        return name + "(" + user + "@" + host + ":" + port + ")";
    }
}
