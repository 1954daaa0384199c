package io.zsentinel.remote;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * Accepts a host key only if it matches the endpoint's pinned fingerprint and/or is listed for
 * it in the endpoint's known_hosts (both, when both are set). Remembers the key the server
 * presented, so a refusal can say which key it was.
 */
final class PinnedHostKeyVerifier implements HostKeyVerifier {
    private final String pinned;
    private final OpenSSHKnownHosts knownHosts;
    private final String expected;
    private volatile String presented;
    private volatile boolean rejected;

    private PinnedHostKeyVerifier(String pinned, OpenSSHKnownHosts knownHosts, String expected) {
        this.pinned = pinned;
        this.knownHosts = knownHosts;
        this.expected = expected;
    }

    /** @throws IOException if the known_hosts file exists but cannot be read */
    static PinnedHostKeyVerifier forEndpoint(SshEndpoint ep) throws IOException {
        OpenSSHKnownHosts kh = null;
        if (ep.knownHosts() != null) {
            File file = ep.knownHosts().toFile();
            // Never learns new keys: unknown and changed keys are refused (the base class's
            // defaults), and the file is not written.
            kh = new OpenSSHKnownHosts(file);
        }
        String pin = ep.normalizedFingerprint();
        String expected = pin != null && kh != null
                ? pin + " (also listed in " + ep.knownHosts() + ")"
                : pin != null ? pin : "a key listed for it in " + ep.knownHosts();
        return new PinnedHostKeyVerifier(pin, kh, expected);
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        String fp = sha256Fingerprint(key);
        presented = fp;
        boolean ok = (pinned == null
                        || MessageDigest.isEqual(
                                pinned.getBytes(StandardCharsets.US_ASCII), fp.getBytes(StandardCharsets.US_ASCII)))
                && (knownHosts == null || knownHosts.verify(hostname, port, key));
        rejected = !ok;
        return ok;
    }

    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        return knownHosts == null ? List.of() : knownHosts.findExistingAlgorithms(hostname, port);
    }

    String expected() {
        return expected;
    }

    String presented() {
        return presented;
    }

    boolean rejected() {
        return rejected;
    }

    /** {@code SHA256:<unpadded base64>} of the key's SSH wire encoding, as {@code ssh-keygen -l} prints it. */
    static String sha256Fingerprint(PublicKey key) {
        byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
