package io.zsentinel.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code zsentinel status} against an HTTP server on loopback that answers as the collector's API
 * documents it (collector/docs/api.md) while the collector starts.
 */
class StatusCommandTest {
    private HttpServer server;

    @BeforeEach
    void listen() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aCollectorThatIsNotReadySaysWhyAndStatusExitsOne() {
        answer(
                503,
                "{\"error\":\"the collector is evaluating what it holds (the first tick after a start or a"
                        + " rebalance): retry\"}");
        Cli.Result result = Cli.execute(
                "status", "--api", "http://127.0.0.1:" + server.getAddress().getPort());
        assertThat(result.exit()).isEqualTo(ErrorHandler.FAILURE);
        assertThat(result.stderr()).contains("/api/v1/jobs answered 503: the collector is evaluating what it holds");
    }

    @Test
    void anAnswerWithoutAReasonIsReportedByItsCode() {
        answer(500, "<html>oops</html>");
        Cli.Result result = Cli.execute(
                "status", "--api", "http://127.0.0.1:" + server.getAddress().getPort());
        assertThat(result.exit()).isEqualTo(ErrorHandler.FAILURE);
        assertThat(result.stderr()).containsPattern("/api/v1/jobs answered 500\\R");
    }

    private void answer(int status, String body) {
        server.createContext("/api/v1/jobs", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }
}
