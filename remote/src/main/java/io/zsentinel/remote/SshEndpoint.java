package io.zsentinel.remote;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and as whom to run commands: one SSH server, one user, one private key, and how its
 * host key is verified: a pinned {@code SHA256:} fingerprint, a known_hosts file, or both
 * (then both must accept the key). There is no "accept any host key" form on purpose.
 *
 * @param name               logical node name (e.g. {@code pve1}); used in logs, metrics, errors
 * @param host               host name or address to connect to
 * @param port               TCP port, 1..65535
 * @param user               remote user
 * @param privateKey         client private key file (OpenSSH format, no passphrase)
 * @param hostKeyFingerprint pinned host key fingerprint {@code SHA256:<base64>}, or null
 * @param knownHosts         OpenSSH known_hosts file, or null
 */
public record SshEndpoint(
        String name, String host, int port, String user, Path privateKey, String hostKeyFingerprint, Path knownHosts) {

    /** A logical node name. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    // Host names, IPv4 and bracket-less IPv6 literals; never a leading '-' (option injection
    // into anything that might ever pass it on) and never whitespace.
    public static final Pattern HOST = Pattern.compile("[A-Za-z0-9_.:%\\[\\]][A-Za-z0-9_.:%\\[\\]-]{0,252}");
    /** A POSIX user name. */
    public static final Pattern USER = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,31}");
    // OpenSSH prints SHA-256 fingerprints as unpadded base64 (43 chars); accept the padded form.
    public static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}=?");

    public SshEndpoint {
        require(
                name != null && NAME.matcher(name).matches(),
                "name",
                name,
                "must be 1-63 characters of letters, digits, '_', '.', '-', starting with a letter or digit");
        require(
                host != null && HOST.matcher(host).matches(),
                "host",
                host,
                "must be a host name or address without spaces or a leading '-'");
        require(port >= 1 && port <= 65535, "port", port, "must be 1..65535");
        require(
                user != null && USER.matcher(user).matches(),
                "user",
                user,
                "must be a POSIX user name (letters, digits, '_', '.', '-', not starting with a digit)");
        require(privateKey != null, "privateKey", null, "is required");
        require(
                hostKeyFingerprint != null || knownHosts != null,
                "hostKeyFingerprint/knownHosts",
                null,
                "one of them is required: host keys are always verified");
        require(
                hostKeyFingerprint == null
                        || FINGERPRINT.matcher(hostKeyFingerprint).matches(),
                "hostKeyFingerprint",
                hostKeyFingerprint,
                "must look like SHA256:<43 base64 characters>");
    }

    /** An endpoint whose host key must have exactly this fingerprint. */
    public static SshEndpoint pinned(
            String name, String host, int port, String user, Path privateKey, String fingerprint) {
        return new SshEndpoint(
                name, host, port, user, privateKey, Objects.requireNonNull(fingerprint, "fingerprint"), null);
    }

    /** An endpoint whose host key must be listed for it in an OpenSSH known_hosts file. */
    public static SshEndpoint withKnownHosts(
            String name, String host, int port, String user, Path privateKey, Path knownHosts) {
        return new SshEndpoint(
                name, host, port, user, privateKey, null, Objects.requireNonNull(knownHosts, "knownHosts"));
    }

    /** {@code user@host:port}, for messages. */
    public String address() {
        return user + "@" + host + ":" + port;
    }

    /** The pinned fingerprint without base64 padding, as OpenSSH prints it; null if none. */
    String normalizedFingerprint() {
        return hostKeyFingerprint == null ? null : hostKeyFingerprint.replaceAll("=+$", "");
    }

    private static void require(boolean ok, String field, Object value, String reason) {
        if (!ok) {
            throw new IllegalArgumentException("invalid SSH endpoint " + field
                    + (value == null ? "" : " '" + Printable.of(String.valueOf(value)) + "'") + ": " + reason);
        }
    }
}
