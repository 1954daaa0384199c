package io.zsentinel.launcher.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.zsentinel.events.EventCodec;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A Zabbix trapper stand-in on loopback: reads sender-protocol frames ({@code ZBXD}, flags,
 * uint32 LE data length, uint32 LE reserved, JSON), records every value, and answers as a
 * server that accepted everything. Written from the protocol description, independent of the
 * sender under test.
 */
public final class ZabbixCapture implements AutoCloseable {
    private final ServerSocket server;
    private final Thread acceptor;
    private final List<Value> values = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private volatile int frames;

    /** One item value of a {@code sender data} request. */
    public record Value(Instant receivedAt, String host, String key, String value) {}

    private ZabbixCapture() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "e2e-zabbix-capture");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static ZabbixCapture start() throws IOException {
        return new ZabbixCapture();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(10_000);
                serve(socket);
            } catch (SocketException e) {
                return; // closed
            } catch (IOException | RuntimeException e) {
                errors.add(e.toString());
            }
        }
    }

    private void serve(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] header = new byte[13];
        try {
            in.readFully(header);
        } catch (EOFException e) {
            return; // a connection check
        }
        if (header[0] != 'Z' || header[1] != 'B' || header[2] != 'X' || header[3] != 'D') {
            throw new IOException("frame without ZBXD header");
        }
        int flags = header[4];
        if ((flags & 0x01) == 0 || (flags & 0x04) != 0) {
            throw new IOException("unexpected frame flags 0x" + Integer.toHexString(flags));
        }
        ByteBuffer lengths = ByteBuffer.wrap(header, 5, 8).order(ByteOrder.LITTLE_ENDIAN);
        int length = lengths.getInt();
        int reserved = lengths.getInt();
        byte[] data = new byte[length];
        in.readFully(data);
        if ((flags & 0x02) != 0) {
            data = inflate(data, reserved);
        }
        JsonNode request = EventCodec.mapper().readTree(data);
        if (!"sender data".equals(request.path("request").asText())) {
            throw new IOException(
                    "not a sender data request: " + request.path("request").asText());
        }
        Instant now = Instant.now();
        int n = 0;
        for (JsonNode item : request.path("data")) {
            values.add(new Value(
                    now,
                    item.path("host").asText(),
                    item.path("key").asText(),
                    item.path("value").asText()));
            n++;
        }
        frames++;
        String answer = "{\"response\":\"success\",\"info\":\"processed: " + n + "; failed: 0; total: " + n
                + "; seconds spent: 0.000001\"}";
        OutputStream out = socket.getOutputStream();
        out.write(frame(answer.getBytes(StandardCharsets.UTF_8)));
        out.flush();
    }

    static byte[] frame(byte[] json) {
        ByteBuffer b = ByteBuffer.allocate(13 + json.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'Z', 'B', 'X', 'D', 0x01});
        b.putInt(json.length);
        b.putInt(0);
        b.put(json);
        return b.array();
    }

    private static byte[] inflate(byte[] data, int expected) throws IOException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream(expected);
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && inflater.needsInput()) {
                    break;
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IOException(e);
        } finally {
            inflater.end();
        }
    }

    public List<Value> values() {
        return List.copyOf(values);
    }

    public List<Value> values(Predicate<Value> filter) {
        return values.stream().filter(filter).toList();
    }

    public int frames() {
        return frames;
    }

    /** Protocol errors seen (none expected). */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
