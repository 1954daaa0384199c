package io.zsentinel.remote;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real OpenSSH server on a free loopback port, with its own generated host key and one
 * authorized client key, for tests. Under CI=true a missing sshd fails the test; elsewhere
 * the test is skipped with the reason.
 */
final class TestSshd implements AutoCloseable {
    static final Path SSHD = Path.of("/usr/sbin/sshd");
    static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");

    final Path dir;
    final int port;
    final Path hostKey;
    final Path clientKey;
    final String hostKeyFingerprint;
    private final List<String> extraOptions;
    private Process process;

    private TestSshd(Path dir, int port, List<String> extraOptions) throws IOException, InterruptedException {
        this.dir = dir;
        this.port = port;
        this.extraOptions = List.copyOf(extraOptions);
        this.hostKey = dir.resolve("ssh_host_ed25519_key");
        this.clientKey = dir.resolve("id_ed25519");
        keygen(hostKey);
        keygen(clientKey);
        Files.copy(dir.resolve("id_ed25519.pub"), dir.resolve("authorized_keys"));
        this.hostKeyFingerprint = fingerprint(dir.resolve("ssh_host_ed25519_key.pub"));
    }

    /** Skips (or, under CI=true, fails) when OpenSSH's server or ssh-keygen is missing. */
    static void assumeAvailable() {
        boolean present = Files.isExecutable(SSHD) && Files.isExecutable(SSH_KEYGEN);
        String why = "OpenSSH server not found (" + SSHD + ", " + SSH_KEYGEN + "): apt-get install -y openssh-server";
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(why + " (CI=true: these tests must run)");
        }
        Assumptions.assumeTrue(present, why);
    }

    static TestSshd start(Path dir, String... extraSshdArgs) throws IOException, InterruptedException {
        assumeAvailable();
        TestSshd sshd = new TestSshd(dir, freePort(), List.of(extraSshdArgs));
        sshd.startProcess();
        return sshd;
    }

    void startProcess() throws IOException {
        if (isRoot()) {
            Files.createDirectories(Path.of("/run/sshd")); // privilege separation directory
        }
        List<String> cmd = new ArrayList<>(List.of(
                SSHD.toString(),
                "-D",
                "-e",
                "-f",
                "/dev/null",
                "-p",
                String.valueOf(port),
                "-h",
                hostKey.toString(),
                "-o",
                "ListenAddress=127.0.0.1",
                "-o",
                "AuthorizedKeysFile=" + dir.resolve("authorized_keys"),
                "-o",
                "StrictModes=no",
                "-o",
                "PidFile=" + dir.resolve("sshd.pid"),
                "-o",
                "UsePAM=no",
                "-o",
                "PasswordAuthentication=no",
                "-o",
                "KbdInteractiveAuthentication=no",
                "-o",
                "PermitRootLogin=prohibit-password",
                "-o",
                "MaxSessions=64"));
        cmd.addAll(extraOptions);
        process = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("sshd.log").toFile())
                .start();
        await("sshd listening on 127.0.0.1:" + port)
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("sshd exited: " + Files.readString(dir.resolve("sshd.log")));
                    }
                    return portOpen(port);
                });
    }

    /**
     * Stops the server and its per-connection processes (by PID: the listener's descendants),
     * so established connections break too, as when a node goes offline; waits until the port
     * refuses connections.
     */
    void stopProcess() throws InterruptedException {
        if (process != null && process.isAlive()) {
            List<ProcessHandle> sessions = process.descendants().toList();
            process.destroy();
            sessions.forEach(ProcessHandle::destroy);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        await("port " + port + " closed")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> !portOpen(port));
    }

    String log() throws IOException {
        return Files.readString(dir.resolve("sshd.log"), StandardCharsets.UTF_8);
    }

    SshEndpoint endpoint() {
        return SshEndpoint.pinned("testnode", "127.0.0.1", port, user(), clientKey, hostKeyFingerprint);
    }

    /** A known_hosts file listing this server under the name sshj asks for: [127.0.0.1]:port. */
    Path knownHosts() throws IOException {
        Path kh = dir.resolve("known_hosts");
        String pub = Files.readString(dir.resolve("ssh_host_ed25519_key.pub"), StandardCharsets.UTF_8)
                .trim();
        String[] parts = pub.split(" ");
        Files.writeString(kh, "[127.0.0.1]:" + port + " " + parts[0] + " " + parts[1] + "\n");
        return kh;
    }

    static String user() {
        return System.getProperty("user.name");
    }

    /** A fresh key pair in {@code dir} under {@code name}; returns the private key path. */
    static Path newKey(Path dir, String name) throws IOException, InterruptedException {
        Path key = dir.resolve(name);
        keygen(key);
        return key;
    }

    static String fingerprint(Path publicKey) throws IOException, InterruptedException {
        String out = exec(SSH_KEYGEN.toString(), "-l", "-E", "sha256", "-f", publicKey.toString());
        return out.split(" ")[1];
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    static boolean portOpen(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void keygen(Path key) throws IOException, InterruptedException {
        exec(SSH_KEYGEN.toString(), "-q", "-t", "ed25519", "-N", "", "-C", "zsentinel-test", "-f", key.toString());
    }

    private static boolean isRoot() {
        return "root".equals(user());
    }

    private static String exec(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        stopProcess();
    }
}
