package io.zsentinel.events;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Alertmanager's label-set fingerprint: FNV-1a 64 over the label names in sorted order,
 * writing {@code name 0xFF value 0xFF} for each, printed as 16 hex digits. Same labels, same
 * fingerprint, in every process and across restarts.
 */
public final class Fingerprint {
    private static final long OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;
    private static final int SEPARATOR = 0xFF;

    private Fingerprint() {}

    public static String of(Map<String, String> labels) {
        long hash = OFFSET_BASIS;
        Map<String, String> sorted = labels instanceof SortedMap<String, String> m && m.comparator() == null
                ? labels
                : new TreeMap<>(labels);
        for (Map.Entry<String, String> label : sorted.entrySet()) {
            hash = mix(hash, label.getKey().getBytes(StandardCharsets.UTF_8));
            hash = (hash ^ SEPARATOR) * PRIME;
            hash = mix(hash, label.getValue().getBytes(StandardCharsets.UTF_8));
            hash = (hash ^ SEPARATOR) * PRIME;
        }
        // what String.format("%016x", hash) prints, without the formatter (a finding is fingerprinted when it starts)
        char[] hex = new char[16];
        for (int i = 15; i >= 0; i--, hash >>>= 4) {
            hex[i] = Character.forDigit((int) (hash & 0xf), 16);
        }
        return new String(hex);
    }

    private static long mix(long hash, byte[] bytes) {
        for (byte b : bytes) {
            hash ^= (b & 0xff);
            hash *= PRIME;
        }
        return hash;
    }
}
