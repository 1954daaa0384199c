package io.zsentinel.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.zsentinel.events.data.EventData;
import java.io.IOException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The fast path of {@link EventCodec#decode}: one pass of a {@link JsonParser} over the bytes that
 * binds {@code data} straight from the parser with databind's reader of the type. The tree decoder
 * first builds a JsonNode tree of the whole event and then binds {@code data} from that tree, which
 * costs about twice as much CPU and garbage; on the collector's throughput this pass is worth a
 * quarter (collector/design.md, "Performance").
 *
 * <p>This pass only has to be right for valid events. On anything unusual (an exception,
 * {@code data} before {@code type}, a repeated or non-textual attribute, a float in {@code data},
 * ...) {@link #tryDecode} returns null and the caller runs the tree decoder, which stays the
 * reference for every result and every error reason and message. {@code StreamingDecoderTest}
 * holds the two to agree, on valid and on broken events.
 */
final class StreamingDecoder {
    private static final ObjectMapper MAPPER = EventCodec.mapper();
    private static final List<String> ATTRIBUTES =
            List.of("specversion", "id", "source", "type", "time", "subject", "data");
    /**
     * One reader per type, built once. {@code data} is read from the middle of the event, so what
     * follows it is not trailing: the check of the whole value stays with {@link #read}.
     */
    private static final Map<EventType, ObjectReader> DATA_READERS = new EnumMap<>(EventType.class);
    /**
     * The tree decoder materialises every string, so it fails on one longer than the parser's
     * limit; this pass skips unknown ones unread. A value this short cannot hold such a string.
     */
    private static final int MAX_LENGTH =
            MAPPER.getFactory().streamReadConstraints().getMaxStringLength();

    static {
        for (EventType type : EventType.values()) {
            DATA_READERS.put(
                    type, MAPPER.readerFor(type.dataClass()).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));
        }
    }

    private StreamingDecoder() {}

    /** The event, or null when the tree decoder must decide (always the case for invalid input). */
    static Envelope tryDecode(byte[] bytes) {
        if (bytes == null || bytes.length > MAX_LENGTH) {
            return null;
        }
        try (JsonParser parser = MAPPER.createParser(bytes)) {
            return read(parser);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Envelope read(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw GiveUp.INSTANCE;
        }
        String specVersion = null;
        String id = null;
        String source = null;
        EventType type = null;
        String time = null;
        String subject = null;
        EventData data = null;
        // A tree keeps the last of duplicate keys; rather than match that, a repeated attribute is
        // left to the tree. (Inside data, the record binder keeps the last one too, or fails.)
        int seen = 0;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken token = p.nextToken();
            int attribute = ATTRIBUTES.indexOf(name);
            if (attribute >= 0) {
                if ((seen & 1 << attribute) != 0) {
                    throw GiveUp.INSTANCE;
                }
                seen |= 1 << attribute;
            }
            switch (name) {
                case "specversion" -> specVersion = text(p);
                case "id" -> id = text(p);
                case "source" -> source = text(p);
                case "type" -> type = EventType.fromWireName(text(p)).orElseThrow(() -> GiveUp.INSTANCE);
                case "time" -> time = text(p);
                case "subject" -> subject = token == JsonToken.VALUE_NULL ? null : text(p);
                case "data" -> {
                    // binding needs the type; a tree is the only way to read data that comes first
                    if (type == null || token != JsonToken.START_OBJECT) {
                        throw GiveUp.INSTANCE;
                    }
                    data = DATA_READERS.get(type).readValue(new TreeFaithfulParser(p));
                }
                default -> p.skipChildren();
            }
        }
        if (p.nextToken() != null
                || !Envelope.SPEC_VERSION.equals(specVersion)
                || blank(id)
                || blank(source)
                || blank(time)
                || data == null) {
            throw GiveUp.INSTANCE;
        }
        return new Envelope(id, source, type, Instant.parse(time), subject, data);
    }

    /** The current integer token is {@code -0}, which a JsonNode holds as 0. */
    private static boolean negativeZero(JsonParser p) throws IOException {
        return p.getTextLength() == 2 && "-0".equals(p.getText());
    }

    private static String text(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw GiveUp.INSTANCE;
        }
        return p.getText();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /**
     * What the data binder reads. The tree decoder binds {@code data} from a JsonNode, which holds
     * a number as a value, not as its text: a float or {@code -0} may then bind differently from
     * the token (a String field gets "1.5" for {@code 1.50}; an Instant loses the digits a double
     * cannot hold). Valid events carry neither, except a finding's {@code value}, so on such a
     * token this pass gives up, even as the value of a field the binder then ignores. The other
     * ways databind advances a parser ({@code nextFieldName}, {@code nextTextValue}, ...) go
     * through {@link #nextToken}; what it skips ({@code skipChildren}) is not bound.
     */
    private static final class TreeFaithfulParser extends JsonParserDelegate {
        TreeFaithfulParser(JsonParser parser) {
            super(parser);
        }

        @Override
        public JsonToken nextToken() throws IOException {
            return faithful(delegate.nextToken());
        }

        @Override
        public JsonToken nextValue() throws IOException {
            return faithful(delegate.nextValue());
        }

        private JsonToken faithful(JsonToken token) throws IOException {
            if (token == JsonToken.VALUE_NUMBER_FLOAT
                    || token == JsonToken.VALUE_NUMBER_INT && negativeZero(delegate)) {
                throw GiveUp.INSTANCE;
            }
            return token;
        }
    }

    /** Where this pass stops: control flow, so it has no stack trace. */
    private static final class GiveUp extends RuntimeException {
        static final GiveUp INSTANCE = new GiveUp();

        private GiveUp() {
            super("left to the tree decoder", null, false, false);
        }
    }
}
