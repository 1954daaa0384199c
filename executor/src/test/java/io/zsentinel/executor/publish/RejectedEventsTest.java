package io.zsentinel.executor.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zsentinel.events.EventCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RejectedEventsTest {
    private static final Instant T = Instant.parse("2025-05-01T12:00:00.123Z");
    private static final SendFailure.Permanent TOO_LARGE =
            new SendFailure.Permanent(new RecordTooLargeException("The message is 2097322 bytes"));

    @TempDir
    Path dir;

    private static Spool.Entry entry(String key, String value) {
        return new Spool.Entry("zsentinel.events", key, value.getBytes(StandardCharsets.UTF_8), 0, 0);
    }

    private List<JsonNode> lines() throws Exception {
        return Files.readAllLines(dir.resolve(RejectedEvents.FILE_NAME)).stream()
                .map(l -> {
                    try {
                        return EventCodec.mapper().readTree(l);
                    } catch (Exception e) {
                        throw new AssertionError("not one JSON object per line: " + l, e);
                    }
                })
                .toList();
    }

    @Test
    void oneLinePerRecordWithItsReasonAndTheEventItself() throws Exception {
        String event = "{\"specversion\":\"1.0\",\"id\":\"e1\",\"data\":{\"n\":1.50}}";
        try (RejectedEvents rejected = new RejectedEvents(dir)) {
            rejected.append(entry("lab/101-0", event), TOO_LARGE, T);
            rejected.append(entry(null, event), TOO_LARGE, T.plusSeconds(1));
        }
        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(2);
        JsonNode first = lines.get(0);
        assertThat(first.get("time").asText()).isEqualTo("2025-05-01T12:00:00.123Z");
        assertThat(first.get("topic").asText()).isEqualTo("zsentinel.events");
        assertThat(first.get("key").asText()).isEqualTo("lab/101-0");
        assertThat(first.get("reason").asText()).isEqualTo(RecordTooLargeException.class.getName());
        assertThat(first.get("message").asText()).isEqualTo("The message is 2097322 bytes");
        assertThat(first.get("value").get("id").asText()).isEqualTo("e1");
        assertThat(lines.get(1).get("key").isNull()).isTrue();
        // the value is the spooled bytes as they were, not a re-encoding of them
        assertThat(Files.readAllLines(dir.resolve(RejectedEvents.FILE_NAME)).get(0))
                .contains(event);
    }

    @Test
    void aValueThatIsNotOneLineOfJsonIsKeptAsBase64() throws Exception {
        byte[] garbage = {(byte) 0xff, 0, '{', '\n'};
        try (RejectedEvents rejected = new RejectedEvents(dir)) {
            rejected.append(new Spool.Entry("t", "k", garbage, 0, 0), TOO_LARGE, T);
            rejected.append(entry("k", "{\"a\":\n1}"), TOO_LARGE, T);
        }
        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).has("value")).isFalse();
        assertThat(Base64.getDecoder().decode(lines.get(0).get("valueBase64").asText()))
                .isEqualTo(garbage);
        assertThat(new String(
                        Base64.getDecoder()
                                .decode(lines.get(1).get("valueBase64").asText()),
                        StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":\n1}");
    }

    @Test
    void aLineTornByACrashIsCutOnOpen() throws Exception {
        try (RejectedEvents rejected = new RejectedEvents(dir)) {
            rejected.append(entry("k", "{\"id\":\"whole\"}"), TOO_LARGE, T);
        }
        // longer than the block the tail is searched in
        Files.writeString(
                dir.resolve(RejectedEvents.FILE_NAME), "{\"time\":\"" + "x".repeat(100_000), StandardOpenOption.APPEND);
        try (RejectedEvents rejected = new RejectedEvents(dir)) {
            rejected.append(entry("k", "{\"id\":\"after\"}"), TOO_LARGE, T);
        }
        assertThat(lines()).extracting(l -> l.get("value").get("id").asText()).containsExactly("whole", "after");
    }
}
