package io.zsentinel.events;

/** The two decoders behind {@link EventCodec#decode}, one at a time, for the benchmark in {@code bench}. */
public final class DecodePaths {
    private DecodePaths() {}

    /** The reference: JsonNode tree, then {@code data} bound from it (what decode did before the fast path). */
    public static Envelope tree(byte[] bytes) throws MalformedEventException {
        return EventCodec.decodeTree(bytes);
    }

    /** The single streaming pass alone; null where decode would fall back to {@link #tree}. */
    public static Envelope streaming(byte[] bytes) {
        return StreamingDecoder.tryDecode(bytes);
    }
}
