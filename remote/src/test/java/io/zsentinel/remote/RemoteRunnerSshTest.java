package io.zsentinel.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.schmizz.sshj.common.SecurityUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The runner against a real OpenSSH server started by the test. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RemoteRunnerSshTest {
    private static final Duration T = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    static TestSshd sshd;

    RemoteRunner runner;
    final List<CommandEvent> events = new CopyOnWriteArrayList<>();
    final List<RemoteFailure> connectFailures = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = TestSshd.start(dir);
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
    }

    @BeforeEach
    void newRunner() {
        runner = new RemoteRunner(SshOptions.defaults(), new CommandListener() {
            @Override
            public void onCommand(CommandEvent event) {
                events.add(event);
            }

            @Override
            public void onConnect(String endpoint, Duration duration, RemoteFailure failure) {
                if (failure != null) {
                    connectFailures.add(failure);
                }
            }
        });
    }

    @AfterEach
    void closeRunner() {
        runner.close();
    }

    @Test
    void runCapturesExitCodeStdoutAndStderr() throws Exception {
        CommandResult r = runner.run(
                sshd.endpoint(), RemoteCommand.of("sh", "-c", "echo out; echo 'cannot open it' >&2; exit 3"), T);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("cannot open it\n");
        assertThat(r.ok()).isFalse();
        assertThat(r.describeFailure()).isEqualTo("exit 3: cannot open it");
    }

    @Test
    void negotiatesAesGcmWithTheJdkProviders() throws Exception {
        // sshd at DEBUG1 names the negotiated cipher in its log (and sends session debug lines
        // to the client's stderr, hence a server of its own).
        try (TestSshd verbose = TestSshd.start(Files.createTempDirectory(dir, "verbose"), "-o", "LogLevel=DEBUG1")) {
            runner.run(verbose.endpoint(), RemoteCommand.of("true"), T);
            // platform.md: with BouncyCastle out of the way and AES-GCM first, sshj moves ~450 MiB/s.
            assertThat(SecurityUtils.isBouncyCastleRegistered()).isFalse();
            assertThat(verbose.log()).contains("kex: client->server cipher: aes128-gcm@openssh.com");
        }
    }

    @Test
    void argumentsArriveVerbatimAndNothingIsExecuted() throws Exception {
        Path marker = dir.resolve("pwned");
        List<String> args = List.of(
                "rpool/data; touch " + marker,
                "$(touch " + marker + ")",
                "`touch " + marker + "`",
                "it's",
                "new\nline",
                "-rf",
                "*",
                "");
        CommandResult r = runner.run(sshd.endpoint(), RemoteCommand.of("printf", prepend("%s\\0", args)), T);
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout().split("\0", -1)).containsExactlyElementsOf(append(args, ""));
        assertThat(marker).doesNotExist();
    }

    @Test
    void aCommandKilledBySignalReportsOneHundredTwentyEightPlusTheSignal() throws Exception {
        CommandResult r = runner.run(sshd.endpoint(), RemoteCommand.of("sh", "-c", "kill -TERM $$"), T);
        assertThat(r.exitCode()).isEqualTo(143);
    }

    @Test
    void streamsStdinToStdoutIntact() throws Exception {
        byte[] data = random(6 * 1024 * 1024 + 17);
        try (RemoteProcess cat = runner.start(sshd.endpoint(), RemoteCommand.of("cat"))) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try (OutputStream in = cat.stdin()) {
                    for (int off = 0; off < data.length; off += 100_000) {
                        in.write(data, off, Math.min(100_000, data.length - off));
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            byte[] echoed = cat.stdout().readAllBytes(); // ends because closing stdin sent EOF
            writer.get(30, TimeUnit.SECONDS);
            assertThat(cat.waitFor(T)).isZero();
            assertThat(sha256(echoed)).isEqualTo(sha256(data));
        }
    }

    @Test
    void relaysOneCommandsOutputIntoAnothersInput() throws Exception {
        byte[] data = random(5 * 1024 * 1024 + 3);
        AtomicLong lastProgress = new AtomicLong();
        try (RemoteProcess source = runner.start(sshd.endpoint(), RemoteCommand.of("cat"));
                RemoteProcess sink = runner.start(sshd.endpoint(), RemoteCommand.of("sha256sum"))) {
            CompletableFuture<Void> feeder = CompletableFuture.runAsync(() -> {
                try (OutputStream in = source.stdin()) {
                    in.write(data);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            RelayResult r = runner.relay(source, sink, T, lastProgress::set);
            feeder.get(30, TimeUnit.SECONDS);
            assertThat(r.ok()).as("relay result %s", r).isTrue();
            assertThat(r.bytes()).isEqualTo(data.length);
            assertThat(lastProgress.get()).isEqualTo(data.length);
            assertThat(r.sink().stdout()).isEqualTo(sha256(data) + "  -\n");
        }
    }

    @RepeatedTest(3) // races between the sink's exit and a write waiting for window
    void aRelayWhoseSinkRefusesReturnsBothSidesAndDoesNotHang() throws Exception {
        try (RemoteProcess source =
                        runner.start(sshd.endpoint(), RemoteCommand.of("head", "-c", "67108864", "/dev/zero"));
                RemoteProcess sink = runner.start(
                        sshd.endpoint(),
                        RemoteCommand.of(
                                "sh", "-c", "echo 'cannot receive: failed to read from stream' >&2; exit 1"))) {
            RelayResult r = runner.relay(source, sink, T, b -> {});
            assertThat(r.ok()).isFalse();
            assertThat(r.sink().exitCode()).isEqualTo(1);
            assertThat(r.sink().stderr()).contains("failed to read from stream");
            assertThat(r.source().exitCode()).isNotZero();
            assertThat(r.bytes()).isLessThan(67108864L);
        }
        // The connection did not stall: the next command runs at once.
        assertThat(runner.run(sshd.endpoint(), RemoteCommand.of("true"), Duration.ofSeconds(10))
                        .ok())
                .isTrue();
    }

    @Test
    void reusesOneConnectionForSeveralCommands() throws Exception {
        RemoteCommand whoAmI = RemoteCommand.of("sh", "-c", "echo $SSH_CLIENT");
        String first = runner.run(sshd.endpoint(), whoAmI, T).stdout();
        String second = runner.run(sshd.endpoint(), whoAmI, T).stdout();
        assertThat(second)
                .as("client address and port of the two commands' connection")
                .isEqualTo(first);
        assertThat(runner.connections().connectCount()).isEqualTo(1);
        assertThat(runner.connections().openConnections()).isEqualTo(1);
    }

    @Test
    void concurrentCommandsShareTheConnection() throws Exception {
        List<CompletableFuture<CommandResult>> all = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String n = String.valueOf(i);
            all.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return runner.run(sshd.endpoint(), RemoteCommand.of("echo", n), T);
                } catch (RemoteException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (int i = 0; i < 8; i++) {
            assertThat(all.get(i).get(60, TimeUnit.SECONDS).stdout()).isEqualTo(i + "\n");
        }
        assertThat(runner.connections().connectCount()).isEqualTo(1);
    }

    @Test
    void aKnownHostsFileListingTheServerIsAccepted() throws Exception {
        SshEndpoint ep = SshEndpoint.withKnownHosts(
                "testnode", "127.0.0.1", sshd.port, TestSshd.user(), sshd.clientKey, sshd.knownHosts());
        assertThat(runner.run(ep, RemoteCommand.of("true"), T).exitCode()).isZero();
    }

    @Test
    void aPinnedKeyMismatchRaisesHostKeyMismatch() throws Exception {
        Path other = TestSshd.newKey(Files.createTempDirectory(dir, "other"), "other_host_key");
        String wrong = TestSshd.fingerprint(Path.of(other + ".pub"));
        SshEndpoint ep = SshEndpoint.pinned("testnode", "127.0.0.1", sshd.port, TestSshd.user(), sshd.clientKey, wrong);
        assertThatThrownBy(() -> runner.run(ep, RemoteCommand.of("true"), T))
                .isInstanceOfSatisfying(HostKeyMismatchException.class, e -> {
                    assertThat(e.failure()).isEqualTo(RemoteFailure.HOSTKEY_MISMATCH);
                    assertThat(e.presented()).isEqualTo(sshd.hostKeyFingerprint);
                    assertThat(e.expected()).isEqualTo(wrong);
                    assertThat(e.endpoint()).isEqualTo("testnode");
                    assertThat(e.getMessage()).contains(sshd.hostKeyFingerprint).contains(wrong);
                });
        assertThat(connectFailures).containsExactly(RemoteFailure.HOSTKEY_MISMATCH);
        assertThat(runner.connections().connectCount()).isZero();
    }

    @Test
    void aKnownHostsFileWithoutTheServerRaisesHostKeyMismatch() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty_known_hosts"), "");
        SshEndpoint ep =
                SshEndpoint.withKnownHosts("testnode", "127.0.0.1", sshd.port, TestSshd.user(), sshd.clientKey, empty);
        assertThatThrownBy(() -> runner.run(ep, RemoteCommand.of("true"), T))
                .isInstanceOfSatisfying(
                        HostKeyMismatchException.class,
                        e -> assertThat(e.presented()).isEqualTo(sshd.hostKeyFingerprint));
    }

    @Test
    void connectionRefusedRaisesUnreachable() throws Exception {
        int closedPort = TestSshd.freePort();
        SshEndpoint ep = SshEndpoint.pinned(
                "gone", "127.0.0.1", closedPort, TestSshd.user(), sshd.clientKey, sshd.hostKeyFingerprint);
        assertThatThrownBy(() -> runner.run(ep, RemoteCommand.of("true"), T))
                .isInstanceOfSatisfying(UnreachableException.class, e -> {
                    assertThat(e.failure()).isEqualTo(RemoteFailure.UNREACHABLE);
                    assertThat(e.failure().isTransient()).isTrue();
                    assertThat(e.getMessage()).contains("gone").contains(String.valueOf(closedPort));
                });
    }

    @Test
    void aKeyTheServerDoesNotKnowRaisesAuthFailed() throws Exception {
        Path stranger = TestSshd.newKey(Files.createTempDirectory(dir, "stranger"), "id_ed25519");
        SshEndpoint ep = SshEndpoint.pinned(
                "testnode", "127.0.0.1", sshd.port, TestSshd.user(), stranger, sshd.hostKeyFingerprint);
        assertThatThrownBy(() -> runner.run(ep, RemoteCommand.of("true"), T))
                .isInstanceOfSatisfying(
                        AuthFailedException.class, e -> assertThat(e.failure()).isEqualTo(RemoteFailure.AUTH_FAILED));
    }

    @Test
    void aTimeoutStopsTheCommandAndTheConnectionStaysUsable() throws Exception {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> runner.run(
                        sshd.endpoint(),
                        RemoteCommand.of("sh", "-c", "echo started >&2; exec sleep 60"),
                        Duration.ofMillis(700)))
                .isInstanceOfSatisfying(CommandTimeoutException.class, e -> {
                    assertThat(e.failure()).isEqualTo(RemoteFailure.TIMEOUT);
                    assertThat(e.partialStderr()).isEqualTo("started\n");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
        assertThat(runner.run(sshd.endpoint(), RemoteCommand.of("echo", "still here"), T)
                        .stdout())
                .isEqualTo("still here\n");
        assertThat(runner.connections().connectCount()).isEqualTo(1);
    }

    @Test
    void cancelStopsAStreamingCommand() throws Exception {
        try (RemoteProcess p = runner.start(sshd.endpoint(), RemoteCommand.of("sleep", "60"))) {
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
                try {
                    return p.waitFor(Duration.ofSeconds(60));
                } catch (RemoteException e) {
                    throw new IllegalStateException(e);
                }
            });
            p.cancel();
            assertThat(exit.get(20, TimeUnit.SECONDS)).isIn(-1, 143);
            assertThat(p.isCancelled()).isTrue();
        }
    }

    @Test
    void listenersSeeEveryCommand() throws Exception {
        runner.run(sshd.endpoint(), RemoteCommand.of("sh", "-c", "exit 4"), T);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.endpoint()).isEqualTo("testnode");
            assertThat(e.program()).isEqualTo("sh");
            assertThat(e.subcommand()).isEqualTo("-c");
            assertThat(e.exitCode()).isEqualTo(4);
            assertThat(e.failure()).isNull();
            assertThat(e.duration()).isPositive();
        });
    }

    @Test
    void reconnectsAfterTheServerComesBack() throws Exception {
        try (TestSshd own = TestSshd.start(Files.createTempDirectory(dir, "restart"))) {
            SshEndpoint ep = own.endpoint();
            assertThat(runner.run(ep, RemoteCommand.of("true"), T).exitCode()).isZero();
            own.stopProcess();
            assertThatThrownBy(() -> runner.run(ep, RemoteCommand.of("true"), T))
                    .isInstanceOf(UnreachableException.class);
            own.startProcess();
            assertThat(runner.run(ep, RemoteCommand.of("true"), T).exitCode()).isZero();
            assertThat(runner.connections().connectCount()).isEqualTo(2);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(42).nextBytes(b);
        return b;
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    private static List<String> append(List<String> list, String last) {
        List<String> all = new ArrayList<>(list);
        all.add(last);
        return all;
    }
}
