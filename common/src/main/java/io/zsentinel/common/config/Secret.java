package io.zsentinel.common.config;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A secret read from the configuration. It never prints itself: {@code toString()} gives only
 * where it came from, so a logged config or exception cannot leak it.
 */
public final class Secret {
    private final byte[] value;
    private final String origin;

    public Secret(byte[] value, String origin) {
        this.value = value.clone();
        this.origin = origin;
    }

    public static Secret of(String value, String origin) {
        return new Secret(value.getBytes(StandardCharsets.UTF_8), origin);
    }

    public byte[] bytes() {
        return value.clone();
    }

    public String text() {
        return new String(value, StandardCharsets.UTF_8);
    }

    public int length() {
        return value.length;
    }

    @Override
    public String toString() {
        return "Secret[" + origin + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }
}
