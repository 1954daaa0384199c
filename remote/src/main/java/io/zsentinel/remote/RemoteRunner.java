package io.zsentinel.remote;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that runs commands on nodes. Commands are {@link RemoteCommand}s (quoted
 * arguments, never strings); connections come from a {@link SshConnectionPool} (one per
 * endpoint, reused); every command gets its own channel, a DEBUG log line (command, exit,
 * duration) and a {@link CommandListener} event.
 *
 * <ul>
 *   <li>{@link #run}: run to completion with a timeout, collect exit status, stdout, stderr;
 *   <li>{@link #start}: a {@link RemoteProcess} with streams, for {@code zfs send}/{@code receive};
 *   <li>{@link #relay}: pipe one process's stdout into another's stdin (node to node through
 *       this JVM), with progress and a timeout.
 * </ul>
 * All methods block: call them from worker threads, never from an event loop. Thread-safe.
 */
public final class RemoteRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RemoteRunner.class);
    private static final int RELAY_BUFFER = 256 * 1024;

    private final SshOptions options;
    private final CommandListener listener;
    private final SshConnectionPool pool;
    private final ExecutorService io = Executors.newCachedThreadPool(new DaemonThreads("zsentinel-remote-io"));
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(new DaemonThreads("zsentinel-remote-timer"));

    public RemoteRunner() {
        this(SshOptions.defaults(), CommandListener.NONE);
    }

    public RemoteRunner(SshOptions options, CommandListener listener) {
        this.options = options;
        this.listener = listener;
        this.pool = new SshConnectionPool(options, listener);
    }

    /**
     * Runs {@code command} on {@code ep} with no input and waits for it.
     *
     * @return exit status, stdout and stderr (a non-zero exit is a result, not an exception)
     * @throws HostKeyMismatchException, UnreachableException, AuthFailedException when connecting fails
     * @throws CommandTimeoutException  when it runs longer than {@code timeout} (it is then stopped)
     * @throws ConnectionLostException  when the connection breaks under it
     */
    public CommandResult run(SshEndpoint ep, RemoteCommand command, Duration timeout) throws RemoteException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (RemoteProcess p = start(ep, command)) {
            ScheduledFuture<?> killer = timer.schedule(p::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
            try {
                closeQuietly(p.stdin()); // no input: a command reading stdin sees EOF at once
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try {
                    p.stdout().transferTo(out);
                } catch (IOException e) {
                    if (p.isTimedOut()) {
                        throw p.timeoutException(timeout);
                    }
                    p.connectionLost();
                    throw new ConnectionLostException(
                            ep.name(), "reading the output of '" + command.program() + "'", e);
                }
                if (p.isTimedOut()) {
                    throw p.timeoutException(timeout);
                }
                int code = p.waitFor(remaining(deadline));
                return new CommandResult(code, out.toString(StandardCharsets.UTF_8), p.stderr());
            } finally {
                killer.cancel(false);
            }
        }
    }

    /**
     * Starts {@code command} on {@code ep} and returns at once. The caller owns the result:
     * feed/read its streams, {@link RemoteProcess#waitFor} it, close it.
     */
    public RemoteProcess start(SshEndpoint ep, RemoteCommand command) throws RemoteException {
        Opened opened = open(ep, command);
        Session.Command channel = opened.channel();
        StderrCapture stderr = new StderrCapture(options.maxStderrBytes());
        Future<?> drain = io.submit(() -> drainQuietly(channel.getErrorStream(), stderr));
        return new RemoteProcess(
                ep.name(), command, channel, stderr, drain, listener, new Control(ep, opened.client()));
    }

    /**
     * Copies {@code source}'s stdout into {@code sink}'s stdin until the source ends, then
     * closes the sink's stdin (EOF) and waits for both, e.g. {@code zfs send} on one node into
     * {@code zfs receive} on another. If the sink ends first (a refused receive), the source is
     * cancelled; if the source ends early, the sink sees EOF on a short stream and fails on its
     * own. The exit statuses and stderr of both say what happened. Cancel either process from
     * another thread to abort the relay.
     *
     * @param progress called with the running byte count after each chunk, on an I/O thread
     * @throws CommandTimeoutException if the whole relay takes longer than {@code timeout}
     * @throws ConnectionLostException if a connection breaks so that an exit status is lost
     */
    public RelayResult relay(RemoteProcess source, RemoteProcess sink, Duration timeout, LongConsumer progress)
            throws RemoteException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ScheduledFuture<?> killer = timer.schedule(
                () -> {
                    source.expire();
                    sink.expire();
                },
                timeout.toNanos(),
                TimeUnit.NANOSECONDS);
        TailBuffer sinkStdout = new TailBuffer(options.maxStderrBytes());
        Future<?> sinkDrain = io.submit(() -> drainQuietly(sink.stdout(), sinkStdout));
        AtomicLong bytes = new AtomicLong();
        // The copy runs on its own thread because sshj can block a write for its whole request
        // timeout when the receiving side exits with the window full; the relay must notice the
        // exit at once instead, and stop the source.
        Future<?> copy = io.submit(() -> copy(source, sink, bytes, progress));
        boolean finished = false;
        try {
            int sinkExit = sink.waitFor(remaining(deadline));
            if (!copyEnds(copy)) {
                log.debug(
                        "relay {} -> {}: the sink ended after {} bytes, before the source; stopping the source",
                        source.endpoint(),
                        sink.endpoint(),
                        bytes.get());
                source.cancel();
            }
            int sourceExit = source.waitFor(remaining(deadline));
            awaitQuietly(sinkDrain);
            finished = true;
            return new RelayResult(
                    bytes.get(),
                    new CommandResult(sourceExit, "", source.stderr()),
                    new CommandResult(sinkExit, sinkStdout.text(), sink.stderr()));
        } finally {
            killer.cancel(false);
            if (!finished) {
                source.cancel();
                sink.cancel();
            }
        }
    }

    /** Whether the copy ends within a moment (it does when the sink ended because of our EOF). */
    private static boolean copyEnds(Future<?> copy) {
        try {
            copy.get(1, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return copy.isDone();
        }
    }

    private static void copy(RemoteProcess source, RemoteProcess sink, AtomicLong bytes, LongConsumer progress) {
        OutputStream out = sink.stdin();
        try {
            InputStream in = source.stdout();
            byte[] buf = new byte[RELAY_BUFFER];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                progress.accept(bytes.addAndGet(n));
            }
        } catch (IOException | RuntimeException e) {
            log.debug(
                    "relay {} -> {} broke off after {} bytes: {}",
                    source.endpoint(),
                    sink.endpoint(),
                    bytes.get(),
                    e.toString());
            source.cancel();
        } finally {
            closeQuietly(out); // EOF: a complete stream ends the receive; a short one makes it fail cleanly
        }
    }

    /** The connections behind this runner (reuse counters, forced reconnects). */
    public SshConnectionPool connections() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
        timer.shutdownNow();
        io.shutdownNow();
    }

    /**
     * Opens a channel and starts the command on it. A pooled connection that turns out dead
     * when opening the channel is replaced once; once the exec request is sent, nothing is
     * retried (the command may have started).
     */
    private record Opened(SSHClient client, Session.Command channel) {}

    private Opened open(SshEndpoint ep, RemoteCommand command) throws RemoteException {
        for (int attempt = 0; ; attempt++) {
            SshConnectionPool.Lease lease = pool.acquire(ep);
            SSHClient client = lease.client();
            Session session;
            try {
                session = client.startSession();
            } catch (OpenFailException e) {
                // The server refused a channel on a healthy connection (e.g. sshd MaxSessions).
                throw new ConnectionLostException(
                        ep.name(),
                        "opening a channel for '" + command.program() + "' (refused by the server: " + e.getMessage()
                                + ")",
                        e);
            } catch (ConnectionException | TransportException | IllegalStateException e) {
                // IllegalStateException: sshj's "Not connected", when the connection died between
                // the pool's liveness check and here.
                pool.evict(ep, client);
                if (!lease.fresh() && attempt == 0) {
                    log.debug("ssh {}: pooled connection failed ({}), reconnecting once", ep.name(), e.toString());
                    continue;
                }
                throw new ConnectionLostException(ep.name(), "opening a channel for '" + command.program() + "'", e);
            }
            try {
                return new Opened(client, session.exec(StderrCapture.prologue() + command.toShell()));
            } catch (ConnectionException | TransportException | IllegalStateException e) {
                closeQuietly(session);
                if (!client.isConnected()) {
                    pool.evict(ep, client);
                }
                throw new ConnectionLostException(ep.name(), "starting '" + command.program() + "'", e);
            }
        }
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(TimeUnit.MILLISECONDS.toNanos(1), deadlineNanos - System.nanoTime()));
    }

    private static void drainQuietly(InputStream in, TailBuffer into) {
        try {
            into.drain(in);
        } catch (IOException e) {
            log.trace("stream drain ended: {}", e.toString());
        }
    }

    private static void drainQuietly(InputStream in, StderrCapture into) {
        byte[] chunk = new byte[8192];
        try {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                into.write(chunk, 0, n);
            }
        } catch (IOException e) {
            log.trace("stderr drain ended: {}", e.toString());
        }
    }

    /** How a process of this runner stops itself: a second channel on its own connection. */
    private final class Control implements ProcessControl {
        private final SshEndpoint ep;
        private final SSHClient client;

        Control(SshEndpoint ep, SSHClient client) {
            this.ep = ep;
            this.client = client;
        }

        @Override
        public void killGroup(long pgid, String signal) {
            String line = "kill -s " + signal + " -- -" + pgid;
            try (Session session = client.startSession()) {
                Session.Command kill = session.exec(line);
                kill.join(5, TimeUnit.SECONDS);
                log.debug("ssh {}: {} -> exit {}", ep.name(), line, kill.getExitStatus());
            } catch (IOException | RuntimeException e) {
                log.debug("ssh {}: {} failed: {}", ep.name(), line, e.toString());
            }
        }

        @Override
        public void dropConnection() {
            pool.evict(ep, client);
        }

        @Override
        public void execute(Runnable task) {
            try {
                io.execute(task);
            } catch (RejectedExecutionException e) {
                task.run(); // the runner is closing: do it here rather than not at all
            }
        }

        @Override
        public void schedule(Runnable task, Duration delay) {
            try {
                timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                log.trace("runner closed; escalation step dropped");
            }
        }
    }

    private static void awaitQuietly(Future<?> f) {
        try {
            f.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.trace("waiting for a stream drain: {}", e.toString());
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException | RuntimeException e) {
            log.trace("close: {}", e.toString());
        }
    }
}
