package io.zsentinel.alerting.zabbix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wire format against a real {@code zabbix_proxy} (Debian zabbix-proxy-sqlite3) started on
 * loopback: it answers sender frames, plain and compressed, and rejects values of a host it
 * does not monitor with {@code processed: 0; failed: n; total: n}. Under CI=true the proxy
 * must be installed.
 */
class ZabbixProxyWireTest {
    private static final Path PROXY = Path.of("/usr/sbin/zabbix_proxy");
    private Process proxy;

    @AfterEach
    void stop() throws InterruptedException {
        if (proxy != null) {
            ProcessHandle.of(proxy.pid()).ifPresent(ProcessHandle::destroy);
            if (!proxy.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                ProcessHandle.of(proxy.pid()).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    void theProxyAcceptsOurFramesAndReportsRejectedValues(@TempDir Path dir) throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (ci) {
            assertThat(Files.isExecutable(PROXY))
                    .as("CI installs zabbix-proxy-sqlite3: " + PROXY)
                    .isTrue();
        } else {
            assumeTrue(Files.isExecutable(PROXY), "zabbix_proxy not installed (apt-get install zabbix-proxy-sqlite3)");
        }
        int port = freePort();
        Path config = dir.resolve("zabbix_proxy.conf");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "ListenIP=127.0.0.1",
                        "ListenPort=" + port,
                        "DBName=" + dir.resolve("proxy.db"),
                        "LogType=file",
                        "LogFile=" + dir.resolve("proxy.log"),
                        "PidFile=" + dir.resolve("proxy.pid"),
                        "SocketDir=" + dir,
                        "Server=127.0.0.1:1",
                        "Hostname=zsentinel-wire-test",
                        "StartPollers=1",
                        "StartPreprocessors=1",
                        "AllowRoot=1",
                        ""));
        proxy = new ProcessBuilder(PROXY.toString(), "-c", config.toString(), "-f")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("proxy.out").toFile())
                .start();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .failFast(
                        "zabbix_proxy exited",
                        () -> assertThat(proxy.isAlive())
                                .as(() -> read(dir.resolve("proxy.out")) + read(dir.resolve("proxy.log")))
                                .isTrue())
                .until(() -> canConnect(port));

        ZabbixSender plain =
                new ZabbixSender("127.0.0.1", port, false, Duration.ofSeconds(10), new SimpleMeterRegistry());
        SenderResponse one =
                plain.send(List.of(new ZabbixValue("not-a-host", ZabbixKeys.HEARTBEAT, "1", Instant.now())));
        assertThat(one.success()).isTrue();
        assertThat(one)
                .extracting(SenderResponse::processed, SenderResponse::failed, SenderResponse::total)
                .containsExactly(0, 1, 1);
        assertThat(one.info()).contains("seconds spent");

        ZabbixSender compressed =
                new ZabbixSender("127.0.0.1", port, true, Duration.ofSeconds(10), new SimpleMeterRegistry());
        SenderResponse many = compressed.send(ZabbixFrameTest.values(260));
        assertThat(many)
                .extracting(SenderResponse::processed, SenderResponse::failed, SenderResponse::total)
                .containsExactly(0, 260, 260);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static boolean canConnect(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Zabbix accepts ListenPort 1024..32767 only, below the kernel's ephemeral range: probe that range. */
    private static int freePort() throws IOException {
        java.util.Random random = new java.util.Random();
        for (int i = 0; i < 200; i++) {
            int port = 20000 + random.nextInt(12000);
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress("127.0.0.1", port));
                return port;
            } catch (IOException busy) {
                // try another
            }
        }
        throw new IOException("no free port in 20000..32000");
    }
}
