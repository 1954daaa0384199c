package io.zsentinel.remote;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated sshj connection per endpoint, opened on first use and reused for every
 * later command (each command gets its own channel on it). Connecting costs about 300 ms; a
 * channel a few ms. A connection found dead on next use is replaced. Connect failures are
 * classified here, once: {@link HostKeyMismatchException}, {@link UnreachableException},
 * {@link AuthFailedException}.
 */
public final class SshConnectionPool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SshConnectionPool.class);

    /** A connection handed out, and whether it was opened just now (so not worth a retry). */
    record Lease(SSHClient client, boolean fresh) {}

    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        SSHClient client;
    }

    private final SshOptions options;
    private final CommandListener listener;
    private final Map<SshEndpoint, Slot> slots = new ConcurrentHashMap<>();
    private final AtomicLong connects = new AtomicLong();
    private volatile boolean closed;

    public SshConnectionPool(SshOptions options, CommandListener listener) {
        this.options = options;
        this.listener = listener;
    }

    /**
     * The live connection to {@code ep}, connecting first if there is none. Callers for the same
     * endpoint wait for one connect rather than racing several.
     */
    Lease acquire(SshEndpoint ep) throws RemoteException {
        Slot slot = slots.computeIfAbsent(ep, e -> new Slot());
        slot.lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the SSH connection pool is closed");
            }
            SSHClient c = slot.client;
            if (c != null && c.isConnected() && c.isAuthenticated()) {
                return new Lease(c, false);
            }
            if (c != null) {
                log.debug("ssh {}: pooled connection is dead, reconnecting", ep.name());
                closeQuietly(c);
                slot.client = null;
            }
            slot.client = connect(ep);
            return new Lease(slot.client, true);
        } finally {
            slot.lock.unlock();
        }
    }

    /** Drops {@code broken} if it is still the pooled connection of {@code ep}. */
    void evict(SshEndpoint ep, SSHClient broken) {
        Slot slot = slots.get(ep);
        if (slot == null) {
            return;
        }
        slot.lock.lock();
        try {
            if (slot.client == broken) {
                slot.client = null;
            }
        } finally {
            slot.lock.unlock();
        }
        closeQuietly(broken);
    }

    /**
     * Closes the pooled connection of {@code ep} (commands running on it fail); the next command
     * reconnects, verifying the host key again.
     */
    public void evict(SshEndpoint ep) {
        Slot slot = slots.get(ep);
        if (slot != null) {
            SSHClient c;
            slot.lock.lock();
            try {
                c = slot.client;
                slot.client = null;
            } finally {
                slot.lock.unlock();
            }
            if (c != null) {
                closeQuietly(c);
            }
        }
    }

    /** How many connections this pool has opened so far (reuse shows as a small number). */
    public long connectCount() {
        return connects.get();
    }

    /** Connections currently open. */
    public int openConnections() {
        return (int) slots.values().stream()
                .filter(s -> s.client != null && s.client.isConnected())
                .count();
    }

    @Override
    public void close() {
        closed = true;
        for (SshEndpoint ep : slots.keySet()) {
            evict(ep);
        }
    }

    private SSHClient connect(SshEndpoint ep) throws RemoteException {
        long t0 = System.nanoTime();
        try {
            SSHClient c = openAndAuthenticate(ep);
            connects.incrementAndGet();
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            log.debug("ssh {}: connected to {} in {} ms", ep.name(), ep.address(), took.toMillis());
            notifyConnect(ep, took, null);
            return c;
        } catch (RemoteException e) {
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            log.debug(
                    "ssh {}: connect to {} failed after {} ms: {}",
                    ep.name(),
                    ep.address(),
                    took.toMillis(),
                    e.getMessage());
            notifyConnect(ep, took, e.failure());
            throw e;
        }
    }

    private SSHClient openAndAuthenticate(SshEndpoint ep) throws RemoteException {
        PinnedHostKeyVerifier verifier;
        try {
            verifier = PinnedHostKeyVerifier.forEndpoint(ep);
        } catch (IOException e) {
            throw new HostKeyMismatchException(
                    ep,
                    "a key listed in " + ep.knownHosts() + " (which cannot be read: " + e.getMessage() + ")",
                    null,
                    e);
        }
        SSHClient c = new SSHClient(SshTuning.newConfig());
        c.addHostKeyVerifier(verifier);
        c.setConnectTimeout(millis(options.connectTimeout()));
        c.getTransport().setTimeoutMs(millis(options.requestTimeout()));
        c.getConnection().setTimeoutMs(millis(options.requestTimeout()));
        // Set before connect: sshj starts the keep-alive thread in connect when enabled.
        c.getConnection().getKeepAlive().setKeepAliveInterval((int)
                options.keepAliveInterval().toSeconds());
        try {
            c.connect(ep.host(), ep.port());
        } catch (IOException e) {
            closeQuietly(c);
            if (verifier.rejected() || isHostKeyRefusal(e)) {
                throw new HostKeyMismatchException(ep, verifier.expected(), verifier.presented(), e);
            }
            throw new UnreachableException(ep, e);
        }
        KeyProvider key;
        try {
            key = c.loadKeys(ep.privateKey().toString());
        } catch (IOException | RuntimeException e) {
            closeQuietly(c);
            throw new AuthFailedException(
                    ep, "cannot load the private key " + ep.privateKey() + ": " + e.getMessage(), e);
        }
        try {
            c.authPublickey(ep.user(), key);
        } catch (UserAuthException e) {
            closeQuietly(c);
            throw new AuthFailedException(ep, "the server did not accept the key " + ep.privateKey(), e);
        } catch (TransportException e) {
            closeQuietly(c);
            throw new UnreachableException(ep, e);
        }
        return c;
    }

    private static boolean isHostKeyRefusal(IOException e) {
        return e instanceof TransportException te
                && te.getDisconnectReason() == DisconnectReason.HOST_KEY_NOT_VERIFIABLE;
    }

    private void notifyConnect(SshEndpoint ep, Duration took, RemoteFailure failure) {
        try {
            listener.onConnect(ep.name(), took, failure);
        } catch (RuntimeException e) {
            log.warn("command listener failed on connect event: {}", e.toString());
        }
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }

    static void closeQuietly(SSHClient c) {
        try {
            c.close();
        } catch (IOException | RuntimeException e) {
            log.trace("closing ssh client: {}", e.toString());
        }
    }
}
