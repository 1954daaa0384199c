package io.zsentinel.remote;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command's stderr: the tail kept for the caller, and the process-group id the command
 * line's prologue writes first ({@link #prologue()}), which is how a command is stopped:
 * OpenSSH refuses the SSH "signal" request for root sessions ("session signalling requires
 * privilege separation"), and a closed channel does not stop a process that neither reads
 * nor writes, so cancelling means {@code kill -- -PGID} over a second channel.
 */
final class StderrCapture {
    static final String MARKER = "zsentinel-pgid:";
    private static final Pattern MARKER_LINE = Pattern.compile("(?m)^" + MARKER + "(\\d+)\n");
    private static final int HEAD_MAX = 4096; // a login shell may print a little before the marker

    private final TailBuffer tail;
    private final StringBuilder head = new StringBuilder();
    private final CountDownLatch pgidKnown = new CountDownLatch(1);
    private volatile long pgid = -1;
    private volatile String markerLine;

    StderrCapture(int maxBytes) {
        tail = new TailBuffer(maxBytes);
    }

    /**
     * Shell code to put before the command: prints the shell's PID, which is the process-group
     * id of everything the command starts (sshd makes each session's shell a session leader).
     */
    static String prologue() {
        return "printf '" + MARKER + "%s\\n' \"$$\" >&2; ";
    }

    synchronized void write(byte[] b, int off, int len) {
        tail.write(b, off, len);
        if (pgid < 0 && head.length() < HEAD_MAX) {
            head.append(new String(b, off, Math.min(len, HEAD_MAX), StandardCharsets.ISO_8859_1));
            Matcher m = MARKER_LINE.matcher(head);
            if (m.find()) {
                markerLine = m.group();
                pgid = Long.parseLong(m.group(1));
                pgidKnown.countDown();
            }
        }
    }

    /** The command's process group, waiting up to {@code timeoutMillis} for the prologue's line. */
    OptionalLong pgid(long timeoutMillis) {
        try {
            pgidKnown.await(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long p = pgid;
        return p > 0 ? OptionalLong.of(p) : OptionalLong.empty();
    }

    /** The stderr tail without the prologue's line. */
    String text() {
        String t = tail.text();
        String line = markerLine;
        if (line == null) {
            return t;
        }
        int i = t.indexOf(line);
        return i < 0 ? t : t.substring(0, i) + t.substring(i + line.length());
    }
}
