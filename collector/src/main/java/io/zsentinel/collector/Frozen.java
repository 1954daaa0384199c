package io.zsentinel.collector;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The maps of the collector's immutable states (inventories by dataset, episodes by finding name,
 * assignments by job): sorted by key, as the evaluators read them in that order, and unmodifiable,
 * as a state is shared between the store and the next fold. A fold copies only the map it changes.
 */
public final class Frozen {
    private static final Class<?> FROZEN =
            Collections.unmodifiableSortedMap(new TreeMap<>()).getClass();
    private static final SortedMap<String, ?> EMPTY = Collections.unmodifiableSortedMap(new TreeMap<>());

    private Frozen() {}

    /** {@code map} itself when it is one of these already (no copy), else a frozen copy; null reads as empty. */
    @SuppressWarnings("unchecked")
    public static <V> SortedMap<String, V> sorted(Map<String, ? extends V> map) {
        if (map == null || map.isEmpty()) {
            return (SortedMap<String, V>) EMPTY;
        }
        if (map.getClass() == FROZEN) {
            // only this class wraps, and always a copy of its own: nobody holds the map under the view
            return (SortedMap<String, V>) map;
        }
        return Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }

    /** A frozen copy of {@code map} with {@code key} mapped to {@code value}. */
    public static <V> SortedMap<String, V> with(Map<String, ? extends V> map, String key, V value) {
        TreeMap<String, V> copy = new TreeMap<>(map);
        copy.put(key, value);
        return Collections.unmodifiableSortedMap(copy);
    }
}
