package io.zsentinel.remote;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.Channel;

/**
 * A command's stdin that never waits inside sshj. Two sshj 0.40 traps are avoided here:
 * <ul>
 *   <li>Its channel stream waits for remote window space while holding the stream's monitor,
 *       and sshj's single transport reader thread needs that monitor to handle the channel's
 *       close. So when the remote command exits while we wait for window (a refused
 *       {@code zfs receive}), the whole connection stalls for the request timeout. Here, a
 *       write only hands sshj as many bytes as the window already allows, and waits for more
 *       window outside sshj, polling, giving up once the channel closes.
 *   <li>Its {@code close()} flushes without waiting for window and silently drops what does not
 *       fit, before sending EOF (seen here: 5 MiB + 3 arrived as 5 MiB). Here every write is
 *       flushed within the window, so nothing is buffered when close() sends EOF.
 * </ul>
 */
final class ChannelStdin extends OutputStream {
    private static final long MIN_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final Channel channel;
    private final OutputStream out;
    private boolean closed;

    ChannelStdin(Channel channel) {
        this.channel = channel;
        this.out = channel.getOutputStream();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stdin already closed");
        }
        long pause = MIN_PAUSE_NANOS;
        while (len > 0) {
            long window = channel.getRemoteWinSize();
            if (window <= 0) {
                if (!channel.isOpen()) {
                    throw new ConnectionException("the remote command ended; its stdin is closed");
                }
                LockSupport.parkNanos(pause);
                pause = Math.min(MAX_PAUSE_NANOS, pause * 2);
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the remote window");
                }
                continue;
            }
            int n = (int) Math.min(len, window);
            out.write(b, off, n);
            out.flush(); // n fits the window: sends at once, never waits
            off += n;
            len -= n;
            pause = MIN_PAUSE_NANOS;
        }
    }

    @Override
    public synchronized void flush() {
        // Every write was flushed already.
    }

    /** Sends EOF (nothing is buffered). Idempotent; quiet if the command already ended. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (channel.isOpen()) {
            out.close();
        }
    }
}
