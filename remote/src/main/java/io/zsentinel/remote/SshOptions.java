package io.zsentinel.remote;

import java.time.Duration;
import java.util.Objects;

/**
 * Connection tuning shared by every endpoint of one {@link RemoteRunner}.
 *
 * @param connectTimeout    TCP connect timeout
 * @param requestTimeout    how long to wait for the server to answer a protocol request
 *                          (key exchange, auth, opening a channel)
 * @param keepAliveInterval interval of {@code keepalive@openssh.com} probes on idle
 *                          connections; 5 unanswered probes close the connection, so a node
 *                          that vanished is noticed. {@link Duration#ZERO} disables them.
 * @param maxStderrBytes    stderr kept per command (its last bytes); error text is short,
 *                          and a chatty command must not fill memory
 */
public record SshOptions(
        Duration connectTimeout, Duration requestTimeout, Duration keepAliveInterval, int maxStderrBytes) {

    public SshOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(keepAliveInterval, "keepAliveInterval");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive, got " + connectTimeout);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, got " + requestTimeout);
        }
        if (keepAliveInterval.isNegative()) {
            throw new IllegalArgumentException("keepAliveInterval must not be negative, got " + keepAliveInterval);
        }
        if (maxStderrBytes < 1024) {
            throw new IllegalArgumentException("maxStderrBytes must be at least 1024, got " + maxStderrBytes);
        }
    }

    /** 10 s connect, 30 s requests, keep-alive every 15 s, 64 KiB of stderr. */
    public static SshOptions defaults() {
        return new SshOptions(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(15), 64 * 1024);
    }

    public SshOptions withConnectTimeout(Duration d) {
        return new SshOptions(d, requestTimeout, keepAliveInterval, maxStderrBytes);
    }

    public SshOptions withKeepAliveInterval(Duration d) {
        return new SshOptions(connectTimeout, requestTimeout, d, maxStderrBytes);
    }
}
