package io.zsentinel.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zsentinel.events.MalformedEventException.Reason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link EventCodec#decode} takes {@link StreamingDecoder}'s single pass for valid events and the
 * tree decoder ({@link EventCodec#decodeTree}, the reference) for the rest. On every value here,
 * valid or not, decode must give exactly what the tree decoder gives (the same event, or the same
 * reason and message), and the streaming pass alone must either give up or return that event.
 */
class StreamingDecoderTest {
    private static final ObjectMapper MAPPER = EventCodec.mapper();
    private static final List<String> ATTRIBUTES =
            List.of("specversion", "id", "source", "type", "time", "subject", "datacontenttype", "data");
    /** Stands for a raw JSON text in a tree until the tree is written out. */
    private static final String MARKER = "@@raw@@";
    /** JSON texts put in place of attributes and of every value in data. */
    private static final List<String> VALUES = List.of(
            "null",
            "\"\"",
            "\" \"",
            "\"12\"",
            "\"-0\"",
            "\"1.5\"",
            "\"x\"",
            "12",
            "-0",
            "0",
            "-1",
            "11",
            "1.5",
            "1.50",
            "1e2",
            "12.0",
            "-0.0",
            "1E-7",
            "9223372036854775807",
            "9223372036854775808",
            "2147483648",
            "-9223372036854775809",
            "1e400",
            "true",
            "false",
            "{}",
            "[]",
            "[\"x\"]",
            "[1]",
            "[null]",
            "{\"a\":\"b\"}",
            "{\"a\":1.50}",
            "\"2025-11-26T07:00:00Z\"",
            "\"2025-11-26T07:00:00.123456789+01:00\"",
            "\"2025-11-26t07:00:00z\"",
            "1764140400",
            "1764140400.123456789",
            "\"1764140400\"",
            "\"1764140400.5\"",
            "\"CHAIN_BROKEN\"",
            "\"chain_broken\"",
            "\"NEW_CLASS\"",
            "\"run-now\"",
            "\"resync\"",
            "\"firing\"",
            "\"resolved\"",
            "\"source\"",
            "\"target\"",
            "\"1.0\"",
            "\"zsentinel.job.succeeded\"",
            "\"x\\u0000y\"",
            "\"\\ud83d\\ude00\"",
            "\"\u00e9\u20ac\"");

    private static final List<String> TIMES = List.of(
            "2025-11-26T07:00:01Z",
            "2025-11-26T07:00:01.2Z",
            "2025-11-26T07:00:01.123456789Z",
            "2025-11-26T07:00:01.1234567891Z",
            "2025-11-26T07:00:01.Z",
            "2025-11-26T07:00:01+02:00",
            "2025-11-26T07:00:01.5-05:30",
            "2025-11-26 07:00:01Z",
            "2025-11-26T07:00Z",
            "2024-02-29T00:00:00Z",
            "2025-02-29T00:00:00Z",
            "2025-11-26T24:00:00Z",
            "2025-12-31T23:59:60Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z",
            "+10000-01-01T00:00:00Z",
            "2025-11-26",
            "");
    /** Not UTF-8: a lone continuation, a cut 2-, 3- and 4-byte sequence, overlong, a surrogate, 5 bytes. */
    private static final List<byte[]> INVALID_UTF8 = List.of(
            bytes(0xff),
            bytes(0x80),
            bytes(0xc3, 0x28),
            bytes(0xe2, 0x82),
            bytes(0xf0, 0x9f, 0x98),
            bytes(0xc0, 0xaf),
            bytes(0xed, 0xa0, 0x80),
            bytes(0xf8, 0x88, 0x80, 0x80, 0x80),
            bytes(0x01),
            bytes(0x7f));

    // ---- the streaming pass is what valid events take --------------------------------------

    @ParameterizedTest
    @EnumSource(EventType.class)
    void validEventsTakeTheStreamingPass(EventType type) {
        Envelope sample = SampleEvents.of(type);
        ObjectNode tree = EventCodec.toTree(sample);
        ((ObjectNode) tree.get("data"))
                .put("addedByANewerWriter", "x")
                .putArray("more")
                .addObject()
                .put("a", 1.5);
        tree.putObject("zsentinelfuture").put("x", -0.0);
        List<byte[]> valid =
                List.of(EventCodec.encode(sample), utf8(tree.toString()), utf8(reordered(tree, "type", "data")));
        for (byte[] bytes : valid) {
            if (type == EventType.FINDING) {
                // a finding's value is a float, which a JsonNode would re-render: only the tree reads it alike
                assertThat(StreamingDecoder.tryDecode(bytes)).isNull();
            } else {
                assertThat(StreamingDecoder.tryDecode(bytes))
                        .as(new String(bytes, StandardCharsets.UTF_8))
                        .isEqualTo(sample);
            }
            assertThat(decode(bytes)).isEqualTo(new Outcome(sample, null, null));
        }
    }

    // ---- everything else: decode and the streaming pass agree with the tree -----------------

    @ParameterizedTest
    @EnumSource(EventType.class)
    void variationsOfEachSampleDecodeAsTheTreeDecodes(EventType type) {
        Map<String, byte[]> variations = variations(SampleEvents.of(type));
        Agreement agreement = new Agreement();
        variations.forEach(agreement::check);

        assertThat(agreement.mismatches).isEmpty();
        assertThat(variations).hasSizeGreaterThan(1_000);
        // not only rejections: the tree decoder accepts many of these, and so does the streaming pass
        assertThat(agreement.accepted).hasSizeGreaterThan(100);
        if (type != EventType.FINDING) {
            assertThat(agreement.streamed)
                    .contains(
                            "canonical",
                            "pretty",
                            "whitespace around",
                            "type first",
                            "data last",
                            "subject absent",
                            "subject = null",
                            "unknown top-level {\"a\":[1.5,{}]}",
                            "unknown in data at end 12",
                            "unknown in data at end {\"a\":1.50}",
                            "time = \"2025-11-26T07:00:01+02:00\"",
                            "/data/event with unknown {\"a\":[1.50]}");
        }
    }

    @Test
    void progressDataDecodesAsTheTreeDecodesItOnEveryVariation() {
        Map<String, byte[]> variations = variations(SampleEvents.of(EventType.SEND_PROGRESS));
        Agreement agreement = new Agreement();
        variations.forEach(agreement::check);

        assertThat(agreement.mismatches).isEmpty();
        assertThat(agreement.streamed)
                .contains(
                        "/data/estimatedBytes absent",
                        "/data/estimatedBytes = null",
                        "/data/bytesDone = 0",
                        "/data/bytesDone = 9223372036854775807",
                        "/data/runId = \"x\"");
        // a -0 or a float would bind differently from the token than from a tree: left to the tree
        assertThat(agreement.streamed).doesNotContain("/data/bytesDone = -0", "unknown in data at end 1.5");
    }

    @ParameterizedTest
    @EnumSource(
            value = EventType.class,
            names = {"INVENTORY_REPORTED", "EXECUTOR_HEARTBEAT", "FINDING"})
    void everyPrefixOfAnEventDecodesAsTheTreeDecodes(EventType type) {
        byte[] event = EventCodec.encode(SampleEvents.of(type));
        Agreement agreement = new Agreement();
        for (int length = 0; length <= event.length; length++) {
            byte[] prefix = Arrays.copyOf(event, length);
            agreement.check("first " + length + " bytes", prefix);
        }
        assertThat(agreement.mismatches).isEmpty();
        assertThat(agreement.accepted).containsExactly("first " + event.length + " bytes");
    }

    @Test
    void randomlyMutatedEventsDecodeAsTheTreeDecodes() {
        Random random = new Random(20251126);
        List<Envelope> samples = SampleEvents.all();
        byte[] alphabet = utf8("{}[]\":,.-+eE0123456789 \\u tfn\u00e9");
        Agreement agreement = new Agreement();
        for (int i = 0; i < 5_000; i++) {
            byte[] event = EventCodec.encode(samples.get(random.nextInt(samples.size())));
            ByteArrayOutputStream mutated = new ByteArrayOutputStream();
            int at = random.nextInt(event.length);
            mutated.write(event, 0, at);
            switch (random.nextInt(3)) {
                case 0 -> mutated.write(alphabet[random.nextInt(alphabet.length)]); // replace
                case 1 -> { // insert
                    mutated.write(alphabet[random.nextInt(alphabet.length)]);
                    mutated.write(event[at]);
                }
                default -> {} // delete
            }
            mutated.write(event, at + 1, event.length - at - 1);
            agreement.check("mutation " + i, mutated.toByteArray());
        }
        assertThat(agreement.mismatches).isEmpty();
        assertThat(agreement.accepted).hasSizeGreaterThan(250);
        assertThat(agreement.streamed).hasSizeGreaterThan(250);
    }

    @Test
    void valuesThatAreNoEventAtAllDecodeAsTheTreeDecodes() {
        String event = new String(EventCodec.encode(SampleEvents.of(EventType.POOL_USAGE)), StandardCharsets.UTF_8);
        Agreement agreement = new Agreement();
        Stream.of(
                        "",
                        " ",
                        "\n",
                        "{}",
                        "[]",
                        "null",
                        "1",
                        "-0",
                        "1.5",
                        "\"event\"",
                        "true",
                        "[" + event + "]",
                        "[" + event,
                        "{\"data\":" + event + "}",
                        "{" + event.substring(1),
                        event.substring(0, event.length() - 1),
                        "/* c */" + event,
                        event + "// c",
                        "\uFEFF" + event,
                        event.replace('"', '\''))
                .forEach(value -> agreement.check(value, utf8(value)));
        agreement.check("null bytes", null);
        agreement.check("UTF-16BE", event.getBytes(StandardCharsets.UTF_16BE));
        agreement.check("UTF-16LE", event.getBytes(StandardCharsets.UTF_16LE));
        agreement.check("UTF-16 with BOM", event.getBytes(StandardCharsets.UTF_16));
        agreement.check("UTF-32", event.getBytes(Charset.forName("UTF-32")));
        assertThat(agreement.mismatches).isEmpty();
        assertThat(agreement.accepted).contains("\uFEFF" + event, "UTF-16BE");
    }

    // ---- variations --------------------------------------------------------------------------

    /** Labelled values around {@code sample}: most of them invalid in some way, many valid. */
    private static Map<String, byte[]> variations(Envelope sample) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        ObjectNode tree = EventCodec.toTree(sample);
        String canonical = new String(EventCodec.encode(sample), StandardCharsets.UTF_8);
        out.put("canonical", utf8(canonical));
        out.put("pretty", utf8(tree.toPrettyString()));
        out.put("whitespace around", utf8(" \n\t" + canonical + " \r\n"));

        // order: data before type is the streaming pass's cue to leave the event to the tree
        out.put("type first", utf8(reordered(tree, "type")));
        out.put("data first", utf8(reordered(tree, "data")));
        out.put("data last", utf8(reordered(tree, "specversion", "id", "source", "type", "time", "subject")));
        List<String> names = new ArrayList<>();
        tree.fieldNames().forEachRemaining(names::add);
        Random random = new Random(sample.type().ordinal());
        for (int i = 0; i < 10; i++) {
            Collections.shuffle(names, random);
            out.put("shuffled " + names, utf8(reordered(tree, names.toArray(String[]::new))));
        }

        // attributes: absent, of any other value, repeated
        for (String attribute : ATTRIBUTES) {
            ObjectNode without = tree.deepCopy();
            without.remove(attribute);
            out.put(attribute + " absent", utf8(without.toString()));
            List<String> values = new ArrayList<>(VALUES);
            values.addAll(TIMES.stream().map(t -> "\"" + t + "\"").toList());
            Stream.of(EventType.values()).map(t -> "\"" + t.wireName() + "\"").forEach(values::add);
            for (String value : values) {
                out.put(attribute + " = " + value, withRaw(tree, "/" + attribute, value));
            }
            String[] repeats = {tree.has(attribute) ? tree.get(attribute).toString() : "null", "\"x\"", "{}"};
            for (String repeat : repeats) {
                String field = "\"" + attribute + "\":" + repeat;
                out.put(
                        attribute + " repeated at end as " + repeat,
                        utf8(canonical.substring(0, canonical.length() - 1) + "," + field + "}"));
                out.put(
                        attribute + " repeated at start as " + repeat,
                        utf8("{" + field + "," + canonical.substring(1)));
            }
        }
        for (EventType other : EventType.values()) { // a type that binds data as this one does, or not
            out.put(
                    "type repeated after data as " + other,
                    utf8(canonical.substring(0, canonical.length() - 1) + ",\"type\":\"" + other.wireName() + "\"}"));
        }

        // unknown fields, at the top and at the end of data (in its inner objects below)
        List<String> unknown = new ArrayList<>(VALUES);
        unknown.addAll(List.of(
                "{\"a\":[1.5,{}]}",
                "[[[[]]]]",
                "\"" + "x".repeat(10_000) + "\"",
                "1".repeat(1000),
                "1".repeat(1001),
                "0." + "1".repeat(998),
                "0." + "1".repeat(999),
                "[".repeat(999) + "]".repeat(999),
                "[".repeat(1000) + "]".repeat(1000),
                "[".repeat(1001) + "]".repeat(1001),
                "{\"a\":1,\"a\":2}",
                "{\"type\":\"zsentinel.audit\"}"));
        for (String value : unknown) {
            String label = value.length() > 40 ? value.substring(0, 10) + "... (" + value.length() + ")" : value;
            out.put("unknown top-level " + label, utf8("{\"zsentinelfuture\":" + value + "," + canonical.substring(1)));
            out.put("unknown in data at end " + label, withRaw(tree, "/data/zsentinelfuture", value));
        }
        for (byte[] invalid : INVALID_UTF8) {
            String label = "invalid UTF-8 " + HexFormat.of().formatHex(invalid);
            byte[] string = concat(utf8("\"a"), invalid, utf8("b\""));
            out.put(label + " in unknown", withRaw(tree, "/zsentinelfuture", string));
            out.put(label + " in id", withRaw(tree, "/id", string));
            out.put(
                    label + " in a name in data",
                    withRaw(tree, "/data/zsentinelfuture", concat(utf8("{\"a"), invalid, utf8("\":1}"))));
        }

        // every value in data: absent, of any other value; every object in data: an unknown or a repeated key
        for (String pointer : pointers(tree.get("data"), "/data")) {
            ObjectNode without = tree.deepCopy();
            remove(without, pointer);
            out.put(pointer + " absent", utf8(without.toString()));
            for (String value : VALUES) {
                out.put(pointer + " = " + value, withRaw(tree, pointer, value));
            }
            if (tree.at(pointer) instanceof ObjectNode object) {
                for (String value : List.of("12", "1.5", "\"x\"", "null", "{\"a\":[12]}", "{\"a\":[1.50]}")) {
                    out.put(pointer + " with unknown " + value, withRaw(tree, pointer + "/zsentinelfuture", value));
                }
                for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
                    String name = it.next();
                    for (String repeat : List.of(object.get(name).toString(), "\"x\"", "7", "null")) {
                        out.put(
                                pointer + " with " + name + " repeated as " + repeat,
                                withRaw(
                                        tree,
                                        pointer,
                                        object.toString().replaceFirst("}$", ",\"" + name + "\":" + repeat + "}")));
                    }
                }
            }
        }

        // after the event
        for (String trailing : List.of(" ", "\n", "x", "}", "]", ",", "{}", "[]", "null", "0", "\"\"", canonical)) {
            out.put("trailing " + trailing, utf8(canonical + trailing));
        }
        return out;
    }

    /** {@code tree}'s fields, the named ones first in that order. */
    private static String reordered(ObjectNode tree, String... first) {
        ObjectNode out = MAPPER.createObjectNode();
        for (String name : first) {
            if (tree.has(name)) {
                out.set(name, tree.get(name));
            }
        }
        out.setAll(tree);
        return out.toString();
    }

    /** The pointer of every value under {@code node}, outermost first. */
    private static List<String> pointers(JsonNode node, String at) {
        List<String> out = new ArrayList<>();
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> {
                out.add(at + "/" + name);
                out.addAll(pointers(object.get(name), at + "/" + name));
            });
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                out.add(at + "/" + i);
                out.addAll(pointers(array.get(i), at + "/" + i));
            }
        }
        return out;
    }

    private static void remove(ObjectNode tree, String pointer) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = tree.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent instanceof ArrayNode array) {
            array.remove(Integer.parseInt(last));
        } else {
            ((ObjectNode) parent).remove(last);
        }
    }

    /** {@code tree} written out with {@code raw} as the value at {@code pointer} (set or added). */
    private static byte[] withRaw(ObjectNode tree, String pointer, String raw) {
        return withRaw(tree, pointer, utf8(raw));
    }

    private static byte[] withRaw(ObjectNode tree, String pointer, byte[] raw) {
        ObjectNode copy = tree.deepCopy();
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = copy.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), MARKER);
        } else {
            ((ObjectNode) parent).put(last, MARKER);
        }
        String[] around = copy.toString().split("\"" + MARKER + "\"");
        return concat(utf8(around[0]), raw, utf8(around[1]));
    }

    // ---- comparing -----------------------------------------------------------------------------

    /** What a decoder made of a value: the event, or the reason and message it rejected it with. */
    record Outcome(Envelope event, Reason reason, String message) {
        @Override
        public String toString() {
            return event != null ? "event " + event : reason + " (" + message + ")";
        }
    }

    @FunctionalInterface
    interface Decoder {
        Envelope decode(byte[] bytes) throws MalformedEventException;
    }

    private static Outcome outcome(Decoder decoder, byte[] bytes) {
        try {
            return new Outcome(decoder.decode(bytes), null, null);
        } catch (MalformedEventException e) {
            return new Outcome(null, e.reason(), e.getMessage());
        }
    }

    private static Outcome decode(byte[] bytes) {
        return outcome(EventCodec::decode, bytes);
    }

    /** Checks values one by one, collecting every disagreement with the tree decoder. */
    private static final class Agreement {
        final List<String> mismatches = new ArrayList<>();
        /** Labels of the values the tree decoder accepts. */
        final List<String> accepted = new ArrayList<>();
        /** Labels of the values the streaming pass accepts. */
        final List<String> streamed = new ArrayList<>();

        void check(String label, byte[] bytes) {
            Outcome tree = outcome(EventCodec::decodeTree, bytes);
            Outcome decoded = decode(bytes);
            Envelope streaming = StreamingDecoder.tryDecode(bytes);
            if (tree.event() != null) {
                accepted.add(label);
            }
            if (streaming != null) {
                streamed.add(label);
            }
            if (!decoded.equals(tree)) {
                mismatches.add(label + ": decode gives " + decoded + ", the tree " + tree);
            }
            if (streaming != null && !streaming.equals(tree.event())) {
                mismatches.add(label + ": the streaming pass gives " + streaming + ", the tree " + tree);
            }
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
