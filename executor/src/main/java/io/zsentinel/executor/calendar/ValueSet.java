package io.zsentinel.executor.calendar;

import java.util.BitSet;
import java.util.List;
import java.util.OptionalInt;

/**
 * The allowed values of one calendar field ({@code minute}, {@code hour}, ...) as items of
 * {@code value}, {@code a..b}, {@code start/step}, {@code a..b/step}. An empty item list means
 * every value ({@code *}). Years are unbounded, so a set keeps its items, not a bitmap.
 */
record ValueSet(List<Item> items) {
    /** {@code start..end} every {@code step}; a single value has start == end. */
    record Item(int start, int end, int step) {
        boolean matches(int value) {
            return value >= start && value <= end && (value - start) % step == 0;
        }
    }

    static final ValueSet ANY = new ValueSet(List.of());

    ValueSet {
        items = List.copyOf(items);
    }

    static ValueSet single(int... values) {
        return new ValueSet(
                java.util.Arrays.stream(values).mapToObj(v -> new Item(v, v, 1)).toList());
    }

    boolean any() {
        return items.isEmpty();
    }

    boolean matches(int value) {
        if (items.isEmpty()) {
            return true;
        }
        for (Item item : items) {
            if (item.matches(value)) {
                return true;
            }
        }
        return false;
    }

    /** The smallest allowed value in {@code [from, max]}, if any. */
    OptionalInt next(int from, int max) {
        if (items.isEmpty()) {
            return from <= max ? OptionalInt.of(from) : OptionalInt.empty();
        }
        int best = Integer.MAX_VALUE;
        for (Item item : items) {
            int candidate;
            if (from <= item.start()) {
                candidate = item.start();
            } else {
                int k = (from - item.start() + item.step() - 1) / item.step();
                long c = (long) item.start() + (long) k * item.step();
                if (c > Integer.MAX_VALUE) {
                    continue;
                }
                candidate = (int) c;
            }
            if (candidate <= item.end() && candidate <= max && candidate < best) {
                best = candidate;
            }
        }
        return best == Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of(best);
    }

    BitSet toBits(int max) {
        BitSet bits = new BitSet(max + 1);
        for (int v = 0; v <= max; v++) {
            if (matches(v)) {
                bits.set(v);
            }
        }
        return bits;
    }
}
