package io.zsentinel.events;

/** The two encoders behind {@link EventCodec#encode}, one at a time, for the benchmark in {@code bench}. */
public final class EncodePaths {
    private EncodePaths() {}

    /** The reference: a JsonNode tree, written out (what encode did before the fast path). */
    public static byte[] tree(Envelope event) {
        return EventCodec.encodeTree(event);
    }

    /** The single streaming pass alone; null where encode would fall back to {@link #tree}. */
    public static byte[] streaming(Envelope event) throws java.io.IOException {
        return StreamingEncoder.tryEncode(event);
    }
}
