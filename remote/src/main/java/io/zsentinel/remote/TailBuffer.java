package io.zsentinel.remote;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Keeps the last {@code max} bytes written to it: error messages come at the end, and a
 * command that prints megabytes to stderr must not cost megabytes of heap.
 */
final class TailBuffer {
    private final int max;
    private byte[] data = new byte[1024];
    private int length;
    private long total;

    TailBuffer(int max) {
        this.max = max;
    }

    synchronized void write(byte[] b, int off, int len) {
        total += len;
        if (len >= max) {
            data = Arrays.copyOfRange(b, off + len - max, off + len);
            length = max;
            return;
        }
        int overflow = length + len - max;
        if (overflow > 0) {
            System.arraycopy(data, overflow, data, 0, length - overflow);
            length -= overflow;
        }
        if (length + len > data.length) {
            data = Arrays.copyOf(data, Math.min(max, Math.max(data.length * 2, length + len)));
        }
        System.arraycopy(b, off, data, length, len);
        length += len;
    }

    /** Reads {@code in} to its end into this buffer. */
    void drain(InputStream in) throws IOException {
        byte[] chunk = new byte[8192];
        int n;
        while ((n = in.read(chunk)) >= 0) {
            write(chunk, 0, n);
        }
    }

    /** The kept bytes as UTF-8 (malformed sequences replaced, e.g. a cut multi-byte char). */
    synchronized String text() {
        return new String(data, 0, length, StandardCharsets.UTF_8);
    }

    /** Bytes written in total, including those no longer kept. */
    synchronized long total() {
        return total;
    }
}
