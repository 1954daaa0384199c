package io.zsentinel.alerting.zabbix;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The Zabbix protocol frame: {@code "ZBXD"}, flags (0x01 protocol, |0x02 zlib), data length
 * (uint32 LE), reserved (uint32 LE; the uncompressed length when compressed), data. The large
 * packet flag (0x04) is never sent and refused on read.
 */
public final class ZabbixFrame {
    public static final byte FLAG_PROTOCOL = 0x01;
    public static final byte FLAG_COMPRESSED = 0x02;
    public static final byte FLAG_LARGE = 0x04;
    static final int HEADER = 13;
    static final int MAX = 1 << 30;

    private ZabbixFrame() {}

    public static byte[] encode(byte[] json, boolean compress) {
        byte[] data = compress ? deflate(json) : json;
        ByteBuffer frame = ByteBuffer.allocate(HEADER + data.length).order(ByteOrder.LITTLE_ENDIAN);
        frame.put(new byte[] {'Z', 'B', 'X', 'D'});
        frame.put((byte) (FLAG_PROTOCOL | (compress ? FLAG_COMPRESSED : 0)));
        frame.putInt(data.length);
        frame.putInt(compress ? json.length : 0);
        frame.put(data);
        return frame.array();
    }

    /** Reads one frame and returns its (inflated) data. */
    public static byte[] decode(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] header = new byte[HEADER];
        data.readFully(header);
        if (header[0] != 'Z' || header[1] != 'B' || header[2] != 'X' || header[3] != 'D') {
            throw new IOException("not a Zabbix frame (no ZBXD header)");
        }
        byte flags = header[4];
        if ((flags & FLAG_LARGE) != 0) {
            throw new IOException("large packets are not supported");
        }
        ByteBuffer lengths = ByteBuffer.wrap(header, 5, 8).order(ByteOrder.LITTLE_ENDIAN);
        long length = Integer.toUnsignedLong(lengths.getInt());
        long reserved = Integer.toUnsignedLong(lengths.getInt());
        if (length > MAX || reserved > MAX) {
            throw new IOException("frame of " + length + " bytes exceeds 1 GiB");
        }
        byte[] body = new byte[(int) length];
        data.readFully(body);
        return (flags & FLAG_COMPRESSED) != 0 ? inflate(body, (int) reserved) : body;
    }

    private static byte[] deflate(byte[] input) {
        Deflater deflater = new Deflater();
        try {
            deflater.setInput(input);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, input.length / 2));
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflate(byte[] input, int expected) throws IOException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(input);
            byte[] out = new byte[expected];
            int n = 0;
            while (n < expected && !inflater.finished()) {
                int read = inflater.inflate(out, n, expected - n);
                if (read == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += read;
            }
            if (n != expected) {
                throw new IOException("compressed frame inflated to " + n + " bytes, header said " + expected);
            }
            return out;
        } catch (DataFormatException e) {
            throw new IOException("bad zlib data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
