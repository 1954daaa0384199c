package io.zsentinel.executor.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.zsentinel.events.EventCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Base64;

/**
 * The records Kafka refused for good ({@link SendFailure.Permanent}), kept beside the spool in
 * {@value #FILE_NAME} so that nothing the executor published is lost and the events behind them
 * go on. One JSON object per line, appended and fsynced before the spool lets the record go:
 *
 * <pre>{@code
 * {"time":"2025-05-01T12:00:00.123Z","topic":"zsentinel.events","key":"lab/101-0",
 *  "reason":"org.apache.kafka.common.errors.RecordTooLargeException","message":"The message is 2097322 bytes ...",
 *  "value":{"specversion":"1.0","id":"...","type":"zsentinel.snapshot.created",...}}
 * }</pre>
 *
 * <ul>
 *   <li>{@code time}: when it was rejected (ISO-8601, UTC); {@code topic}, {@code key} (null when the
 *       record had none): where it was going;
 *   <li>{@code reason}: the exception's class, {@code message}: its message (may be null);
 *   <li>{@code value}: the record's value, the CloudEvent JSON byte for byte; or, when the value is not
 *       one line of JSON (an unreadable spool record), {@code valueBase64} instead.
 * </ul>
 *
 * A crash between the append and the spool's commit sends the record again and, refused again, it is
 * written twice (the event id tells the copies apart). A line torn by a crash is cut off on open: its
 * record was not committed, so it comes again. The file is never rotated or trimmed here; to replay,
 * send each line's {@code value} to its {@code topic} with its {@code key}.
 */
public final class RejectedEvents implements AutoCloseable {
    public static final String FILE_NAME = "rejected.jsonl";

    private final Path file;
    private final FileChannel out;

    public RejectedEvents(Path dir) {
        this.file = dir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dir);
            this.out = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            cutTornLine();
            out.position(out.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the rejected-events file " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    /** Appends one line and forces it to disk; only then may the spool drop the record. */
    public synchronized void append(Spool.Entry entry, SendFailure.Permanent failure, Instant time) {
        ObjectNode line = EventCodec.mapper().createObjectNode();
        line.put("time", time.toString());
        line.put("topic", entry.topic());
        line.put("key", entry.key());
        line.put("reason", failure.cause().getClass().getName());
        line.put("message", failure.cause().getMessage());
        String json = singleLineJson(entry.value());
        if (json != null) {
            line.putRawValue("value", new RawValue(json));
        } else {
            line.put("valueBase64", Base64.getEncoder().encodeToString(entry.value()));
        }
        try {
            byte[] text = EventCodec.mapper().writeValueAsBytes(line);
            ByteBuffer buffer = ByteBuffer.allocate(text.length + 1)
                    .put(text)
                    .put((byte) '\n')
                    .flip();
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the rejected-events file " + file, e);
        }
    }

    /** The value as text when writing it raw keeps the line one line of valid JSON; else null. */
    private static String singleLineJson(byte[] value) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return null;
        }
        try {
            JsonNode tree = EventCodec.mapper().readTree(text);
            return tree != null && tree.isObject() ? text : null;
        } catch (IOException e) {
            return null;
        }
    }

    private void cutTornLine() throws IOException {
        long whole = wholeLinesEnd();
        if (whole < out.size()) {
            out.truncate(whole);
            out.force(false);
        }
    }

    /** Where the last newline of the file ends (0 when there is none). */
    private long wholeLinesEnd() throws IOException {
        ByteBuffer block = ByteBuffer.allocate(64 * 1024);
        long end = out.size();
        while (end > 0) {
            int length = (int) Math.min(block.capacity(), end);
            long start = end - length;
            block.clear().limit(length);
            while (block.hasRemaining()) {
                out.read(block, start + block.position());
            }
            for (int i = length - 1; i >= 0; i--) {
                if (block.get(i) == '\n') {
                    return start + i + 1;
                }
            }
            end = start;
        }
        return 0;
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
