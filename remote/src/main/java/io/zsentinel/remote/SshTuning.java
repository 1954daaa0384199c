package io.zsentinel.remote;

import java.util.ArrayList;
import java.util.List;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.common.SecurityUtils;

/**
 * The sshj configuration every connection uses. sshj registers BouncyCastle by default and is
 * then 4-5x slower; with the JDK's own providers and AES-GCM first a single stream moves
 * about 450 MiB/s here (docs/platform.md). This must happen before sshj builds any config,
 * hence the static initializer, which every connection passes through.
 */
final class SshTuning {
    static final String PREFERRED_CIPHER = "aes128-gcm@openssh.com";
    // Pinned fingerprints are usually of the ed25519 key (what ssh-keygen -l and our lab
    // print); asking for it first keeps a multi-key server from presenting another one.
    static final String PREFERRED_HOST_KEY = "ssh-ed25519";

    static {
        SecurityUtils.setRegisterBouncyCastle(false);
        SecurityUtils.setSecurityProvider(null);
    }

    private SshTuning() {}

    static DefaultConfig newConfig() {
        DefaultConfig config = new DefaultConfig();
        config.setCipherFactories(first(config.getCipherFactories(), PREFERRED_CIPHER));
        config.setKeyAlgorithms(first(config.getKeyAlgorithms(), PREFERRED_HOST_KEY));
        config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
        return config;
    }

    static <T> List<Factory.Named<T>> first(List<Factory.Named<T>> factories, String name) {
        List<Factory.Named<T>> ordered = new ArrayList<>(factories.size());
        factories.stream().filter(f -> f.getName().equals(name)).forEach(ordered::add);
        factories.stream().filter(f -> !f.getName().equals(name)).forEach(ordered::add);
        return ordered;
    }
}
