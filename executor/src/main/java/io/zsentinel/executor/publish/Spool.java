package io.zsentinel.executor.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * An append-only, on-disk FIFO of records (topic, key, value) in segment files
 * {@code <seq>.spool}, with a persisted read cursor: everything appended is delivered in order,
 * at least once, across restarts. Each record is {@code [len][crc32][topic][key][value]}; a torn
 * tail (the process died mid-write) is cut off at the last whole record on open.
 * Thread-safe; all methods are short (no network).
 */
public final class Spool implements AutoCloseable {
    /** A record and the cursor position just after it. */
    public record Entry(String topic, String key, byte[] value, long segment, long end) {}

    private static final long SEGMENT_BYTES = 8L << 20;
    private static final String SUFFIX = ".spool";

    private final Path dir;
    private final long maxBytes;
    /** segment number -> size in bytes */
    private final TreeMap<Long, Long> segments = new TreeMap<>();

    private FileChannel writer;
    private long writeSegment;
    private long readSegment;
    private long readOffset;

    public Spool(Path dir, long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String name = f.getFileName().toString();
                    if (name.endsWith(SUFFIX)) {
                        segments.put(Long.parseLong(name.substring(0, name.length() - SUFFIX.length())), Files.size(f));
                    }
                }
            }
            readCursor();
            segments.headMap(readSegment).keySet().forEach(this::deleteSegment);
            segments.headMap(readSegment).clear();
            if (segments.isEmpty()) {
                segments.put(readSegment, 0L);
            }
            writeSegment = segments.lastKey();
            repairTail(writeSegment);
            writer = FileChannel.open(
                    segmentPath(writeSegment),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the event spool in " + dir, e);
        }
    }

    /** Appends a record; false (and nothing written) when the spool would exceed its bound. */
    public synchronized boolean append(String topic, String key, byte[] value) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        byte[] k = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        int bodyLen = 4 + t.length + 4 + (k == null ? 0 : k.length) + 4 + value.length;
        if (pendingBytes() + bodyLen + 8 > maxBytes) {
            return false;
        }
        ByteBuffer body = ByteBuffer.allocate(bodyLen);
        body.putInt(t.length).put(t);
        body.putInt(k == null ? -1 : k.length);
        if (k != null) {
            body.put(k);
        }
        body.putInt(value.length).put(value);
        CRC32 crc = new CRC32();
        crc.update(body.array());
        ByteBuffer record = ByteBuffer.allocate(8 + bodyLen);
        record.putInt(bodyLen).putInt((int) crc.getValue()).put(body.array()).flip();
        try {
            if (segments.get(writeSegment) >= SEGMENT_BYTES) {
                writer.close();
                writeSegment++;
                segments.put(writeSegment, 0L);
                writer = FileChannel.open(
                        segmentPath(writeSegment),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
            }
            while (record.hasRemaining()) {
                writer.write(record);
            }
            segments.merge(writeSegment, (long) record.limit(), Long::sum);
            notifyAll();
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the event spool in " + dir, e);
        }
    }

    /** Up to {@code max} records after the cursor, oldest first, without moving the cursor. */
    public synchronized List<Entry> peek(int max) {
        List<Entry> out = new ArrayList<>();
        long segment = readSegment;
        long offset = readOffset;
        try {
            while (out.size() < max) {
                Long size = segments.get(segment);
                if (size == null) {
                    break;
                }
                if (offset >= size) {
                    Long next = segments.higherKey(segment);
                    if (next == null) {
                        break;
                    }
                    segment = next;
                    offset = 0;
                    continue;
                }
                try (FileChannel in = FileChannel.open(segmentPath(segment), StandardOpenOption.READ)) {
                    in.position(offset);
                    while (out.size() < max && offset < size) {
                        ByteBuffer head = ByteBuffer.allocate(8);
                        readFully(in, head);
                        int len = head.getInt(0);
                        ByteBuffer body = ByteBuffer.allocate(len);
                        readFully(in, body);
                        body.flip();
                        offset += 8 + len;
                        out.add(decode(body, segment, offset));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the event spool in " + dir, e);
        }
        return out;
    }

    /** Everything up to and including {@code entry} was delivered: move the cursor, drop finished segments. */
    public synchronized void commit(Entry entry) {
        readSegment = entry.segment();
        readOffset = entry.end();
        for (Long old : new ArrayList<>(segments.headMap(readSegment).keySet())) {
            segments.remove(old);
            deleteSegment(old);
        }
        writeCursor();
    }

    /** Blocks up to {@code millis} until something is pending. */
    public synchronized void awaitPending(long millis) throws InterruptedException {
        if (pendingBytes() == 0) {
            wait(millis);
        }
    }

    /** Bytes appended but not yet committed. */
    public synchronized long pendingBytes() {
        long total = 0;
        for (var e : segments.tailMap(readSegment, true).entrySet()) {
            total += e.getValue();
        }
        return total - readOffset;
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Entry decode(ByteBuffer body, long segment, long end) {
        byte[] t = new byte[body.getInt()];
        body.get(t);
        int kl = body.getInt();
        byte[] k = null;
        if (kl >= 0) {
            k = new byte[kl];
            body.get(k);
        }
        byte[] v = new byte[body.getInt()];
        body.get(v);
        return new Entry(
                new String(t, StandardCharsets.UTF_8),
                k == null ? null : new String(k, StandardCharsets.UTF_8),
                v,
                segment,
                end);
    }

    private static void readFully(FileChannel in, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (in.read(buffer) < 0) {
                throw new IOException("unexpected end of spool segment");
            }
        }
    }

    /** Cuts a segment after its last whole, checksummed record. */
    private void repairTail(long segment) throws IOException {
        Path path = segmentPath(segment);
        if (!Files.exists(path)) {
            return;
        }
        long good = 0;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            while (good + 8 <= size) {
                ByteBuffer head = ByteBuffer.allocate(8);
                ch.read(head, good);
                int len = head.getInt(0);
                if (len < 12 || good + 8 + len > size) {
                    break;
                }
                ByteBuffer body = ByteBuffer.allocate(len);
                ch.read(body, good + 8);
                CRC32 crc = new CRC32();
                crc.update(body.array());
                if ((int) crc.getValue() != head.getInt(4)) {
                    break;
                }
                good += 8 + len;
            }
            if (good < size) {
                ch.truncate(good);
            }
        }
        segments.put(segment, good);
    }

    private void readCursor() throws IOException {
        Path cursor = dir.resolve("cursor");
        if (Files.exists(cursor)) {
            String[] parts = Files.readString(cursor).strip().split(" ");
            readSegment = Long.parseLong(parts[0]);
            readOffset = Long.parseLong(parts[1]);
        } else {
            readSegment = segments.isEmpty() ? 0 : segments.firstKey();
            readOffset = 0;
        }
    }

    private void writeCursor() {
        Path cursor = dir.resolve("cursor");
        Path tmp = dir.resolve("cursor.tmp");
        try {
            Files.writeString(tmp, readSegment + " " + readOffset + "\n");
            Files.move(tmp, cursor, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the spool cursor in " + dir, e);
        }
    }

    private void deleteSegment(long segment) {
        try {
            Files.deleteIfExists(segmentPath(segment));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path segmentPath(long segment) {
        return dir.resolve(String.format("%020d%s", segment, SUFFIX));
    }
}
