package io.zsentinel.events.data;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Compact-constructor checks so a record with a missing mandatory field cannot exist. */
final class Require {
    private Require() {}

    static <T> T present(T value, String field) {
        return Objects.requireNonNull(value, () -> "missing field '" + field + "'");
    }

    static String text(String value, String field) {
        if (present(value, field).isBlank()) {
            throw new IllegalArgumentException("field '" + field + "' is blank");
        }
        return value;
    }

    static long notNegative(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException("field '" + field + "' is negative: " + value);
        }
        return value;
    }

    static <T> List<T> list(List<T> value) {
        return value == null ? List.of() : List.copyOf(value);
    }

    static <K, V> Map<K, V> map(Map<K, V> value) {
        return value == null ? Map.of() : Map.copyOf(value);
    }
}
