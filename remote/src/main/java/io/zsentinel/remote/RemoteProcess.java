package io.zsentinel.remote;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A command running on a node, with its streams: write to {@link #stdin()} (closing it sends
 * EOF, which ends e.g. {@code zfs receive}), read {@link #stdout()}; stderr is collected in
 * the background (its tail is kept). {@link #cancel()} from any thread stops it: SIGTERM to
 * its remote process group, SIGKILL 5 s later if it is still there, and as a last resort
 * (a node that stopped answering) the connection is dropped 15 s later, so blocked reads and
 * writes always return. Close it when done; closing a running process cancels it.
 */
public final class RemoteProcess implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RemoteProcess.class);
    static final Duration KILL_AFTER = Duration.ofSeconds(5);
    static final Duration DROP_CONNECTION_AFTER = Duration.ofSeconds(15);
    private static final Map<Signal, Integer> SIGNAL_NUMBERS = Map.ofEntries(
            Map.entry(Signal.HUP, 1),
            Map.entry(Signal.INT, 2),
            Map.entry(Signal.QUIT, 3),
            Map.entry(Signal.ILL, 4),
            Map.entry(Signal.ABRT, 6),
            Map.entry(Signal.FPE, 8),
            Map.entry(Signal.KILL, 9),
            Map.entry(Signal.USR1, 10),
            Map.entry(Signal.SEGV, 11),
            Map.entry(Signal.USR2, 12),
            Map.entry(Signal.PIPE, 13),
            Map.entry(Signal.ALRM, 14),
            Map.entry(Signal.TERM, 15));

    private final String endpoint;
    private final RemoteCommand command;
    private final Session.Command channel;
    private final OutputStream stdin;
    private final StderrCapture stderr;
    private final Future<?> stderrDrain;
    private final CommandListener listener;
    private final ProcessControl control;
    private final long startNanos = System.nanoTime();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicBoolean reported = new AtomicBoolean();
    private volatile boolean timedOut;

    RemoteProcess(
            String endpoint,
            RemoteCommand command,
            Session.Command channel,
            StderrCapture stderr,
            Future<?> stderrDrain,
            CommandListener listener,
            ProcessControl control) {
        this.endpoint = endpoint;
        this.command = command;
        this.channel = channel;
        this.stdin = new ChannelStdin(channel);
        this.stderr = stderr;
        this.stderrDrain = stderrDrain;
        this.listener = listener;
        this.control = control;
    }

    /** The remote standard input. Closing it sends every buffered byte, then EOF. */
    public OutputStream stdin() {
        return stdin;
    }

    /** The remote standard output. Read it (or the remote blocks once the SSH window is full). */
    public InputStream stdout() {
        return channel.getInputStream();
    }

    /** What the command wrote to stderr so far (the last {@link SshOptions#maxStderrBytes()}). */
    public String stderr() {
        return stderr.text();
    }

    public String endpoint() {
        return endpoint;
    }

    public RemoteCommand command() {
        return command;
    }

    /**
     * Waits for the command to end and returns its exit status (128 + N if killed by signal N,
     * -1 if none was reported).
     *
     * @throws CommandTimeoutException if it is still running after {@code timeout} (it is then cancelled)
     * @throws ConnectionLostException if the connection broke first
     */
    public int waitFor(Duration timeout) throws RemoteException {
        try {
            channel.join(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (ConnectionException e) {
            if (timedOut || channel.isOpen()) {
                expire();
                throw timeoutException(timeout);
            }
            report(-1, RemoteFailure.CONNECTION_LOST);
            throw new ConnectionLostException(endpoint, "waiting for '" + command.program() + "'", e);
        }
        if (timedOut) {
            throw timeoutException(timeout);
        }
        awaitStderr();
        int code = exitCode();
        report(code, null);
        return code;
    }

    /** Stops the command (see the class comment). Returns at once; idempotent; any thread. */
    public void cancel() {
        if (!cancelled.compareAndSet(false, true) || !channel.isOpen()) {
            return;
        }
        control.execute(() -> {
            signalGroup("TERM");
            closeChannel(); // returns once sshd has seen the process exit
        });
        control.schedule(
                () -> {
                    if (channel.isOpen()) {
                        signalGroup("KILL");
                    }
                },
                KILL_AFTER);
        control.schedule(
                () -> {
                    if (channel.isOpen()) {
                        log.debug(
                                "ssh {}: '{}' still open {} s after cancel; dropping the connection",
                                endpoint,
                                command.program(),
                                DROP_CONNECTION_AFTER.toSeconds());
                        control.dropConnection();
                    }
                },
                DROP_CONNECTION_AFTER);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** True once a deadline of the runner, the relay or {@link #waitFor} passed and the command was stopped. */
    public boolean isTimedOut() {
        return timedOut;
    }

    /** Called when a deadline passes: marks the process timed out, then cancels it. */
    void expire() {
        timedOut = true;
        cancel();
        report(-1, RemoteFailure.TIMEOUT);
    }

    /** Reports a broken stream (the connection died under a read or write). */
    void connectionLost() {
        report(-1, RemoteFailure.CONNECTION_LOST);
    }

    CommandTimeoutException timeoutException(Duration timeout) {
        return new CommandTimeoutException(endpoint, command, timeout, stderr.text());
    }

    @Override
    public void close() {
        if (channel.isOpen()) {
            cancel();
        }
        report(exitCode(), null); // no-op if already reported
    }

    private void signalGroup(String signal) {
        OptionalLong pgid = stderr.pgid(2000); // the prologue's line comes first; normally already here
        if (pgid.isPresent() && channel.isOpen()) {
            control.killGroup(pgid.getAsLong(), signal);
        } else if (pgid.isEmpty()) {
            log.debug("ssh {}: no process group known for '{}'; closing its channel only", endpoint, command.program());
        }
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (Exception e) {
            log.trace("closing channel of '{}' on {}: {}", command.program(), endpoint, e.toString());
        }
    }

    private void awaitStderr() {
        try {
            // The channel is closed, so the stream is at its end: this returns at once.
            stderrDrain.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.trace("stderr of '{}' on {}: {}", command.program(), endpoint, e.toString());
        }
    }

    private int exitCode() {
        Integer status = channel.getExitStatus();
        if (status != null) {
            return status;
        }
        Signal signal = channel.getExitSignal();
        if (signal != null) {
            return 128 + SIGNAL_NUMBERS.getOrDefault(signal, 0);
        }
        return -1;
    }

    private void report(int exitCode, RemoteFailure failure) {
        if (!reported.compareAndSet(false, true)) {
            return;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        if (log.isDebugEnabled()) {
            log.debug(
                    "ssh {}: {} -> {} in {} ms",
                    endpoint,
                    Printable.of(command.toShell(), 1000),
                    failure == null ? "exit " + exitCode : failure.name(),
                    took.toMillis());
        }
        try {
            listener.onCommand(
                    new CommandEvent(endpoint, command.program(), command.subcommand(), took, exitCode, failure));
        } catch (RuntimeException e) {
            log.warn("command listener failed: {}", e.toString());
        }
    }
}
