package io.zsentinel.common.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One configuration key, declared once (in the spirit of Debezium's {@code Field}): its name
 * relative to the service's section, how it is read and validated, its default, and the default
 * and meaning as the service's docs table shows them. Services read values only through their
 * declarations, and a test per service checks the docs table against the declared list, so key,
 * default, validation and documentation cannot drift apart.
 *
 * <p>The name is the docs' spelling: {@code heartbeatInterval}, {@code spool.maxBytes},
 * {@code nodes[].host}, {@code receivers.<name>.webhook.url}. Only its last segment (the
 * {@link #child()}) is looked up, in the reader the caller hands in: the caller walks the
 * mappings and lists that merely group keys ({@code spool:}, {@code nodes[0]}), because a
 * grouping may hold several keys and must be read (and its problems reported) once.
 *
 * <p>Problems, reasons and the unknown-key check are {@link ConfigReader}'s: a declaration adds
 * no wording of its own besides the optional {@link #check}.
 *
 * @param defaultValue what {@link #read} gives when the key is absent or invalid (may be null)
 * @param defaultText the default as the docs show it ({@code `30s`}, {@code required}, {@code none})
 * @param description the docs' meaning column
 */
public record ConfigKey<T>(String name, T defaultValue, String defaultText, String description, Reading<T> reading) {

    /** Reads a child of a reader, recording problems there; never throws. */
    @FunctionalInterface
    public interface Reading<T> {
        T read(ConfigReader reader, String child, T defaultValue);
    }

    public ConfigKey {
        if (name.isBlank() || name.endsWith(".")) {
            throw new IllegalArgumentException("bad key name '" + name + "'");
        }
    }

    /** The key as looked up in its reader: the name's last segment. */
    public String child() {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    public T read(ConfigReader reader) {
        return reading.read(reader, child(), defaultValue);
    }

    /** Reads with a default known only at read time (a parent route's value, the executor's cluster). */
    public T readOr(ConfigReader reader, T defaultValue) {
        return reading.read(reader, child(), defaultValue);
    }

    public ConfigKey<T> describedAs(String text) {
        return new ConfigKey<>(name, defaultValue, defaultText, text, reading);
    }

    /** The default in the docs when the value alone does not say it (a range, a derived default). */
    public ConfigKey<T> shownAs(String text) {
        return new ConfigKey<>(name, defaultValue, text, description, reading);
    }

    /**
     * A further check of a value given (never of an absent key's default): when it fails the
     * problem is recorded and the value kept, as {@link ConfigReader#check} does.
     */
    public ConfigKey<T> check(Predicate<T> valid, Function<T, String> reason) {
        Reading<T> inner = reading;
        return new ConfigKey<>(name, defaultValue, defaultText, description, (r, child, d) -> {
            T value = inner.read(r, child, d);
            return r.has(child) ? r.check(child, value, valid, reason) : value;
        });
    }

    public static ConfigKey<String> string(String name, String defaultValue) {
        return new ConfigKey<>(name, defaultValue, shown(defaultValue), "", ConfigReader::string);
    }

    public static ConfigKey<Optional<String>> optionalString(String name) {
        return new ConfigKey<>(
                name, Optional.empty(), "none", "", (r, c, d) -> r.string(c).or(() -> d));
    }

    public static ConfigKey<String> requiredString(String name) {
        return new ConfigKey<>(name, null, "required", "", (r, c, d) -> r.requiredString(c));
    }

    /** A string matching {@code pattern}; {@code what} is what the problem says is expected. */
    public static ConfigKey<String> matching(String name, Pattern pattern, String what, String defaultValue) {
        return new ConfigKey<>(
                name, defaultValue, shown(defaultValue), "", (r, c, d) -> r.matching(c, pattern, what, d, false));
    }

    public static ConfigKey<String> requiredMatching(String name, Pattern pattern, String what) {
        return new ConfigKey<>(name, null, "required", "", (r, c, d) -> r.matching(c, pattern, what, d, true));
    }

    public static ConfigKey<Integer> integer(String name, int defaultValue, int min, int max) {
        return new ConfigKey<>(
                name, defaultValue, shown(defaultValue), "", (r, c, d) -> (int) r.integer(c, d, min, max));
    }

    public static ConfigKey<Long> longInteger(String name, long defaultValue, long min, long max) {
        return new ConfigKey<>(name, defaultValue, shown(defaultValue), "", (r, c, d) -> r.integer(c, d, min, max));
    }

    public static ConfigKey<Double> decimal(String name, double defaultValue, double min, double max) {
        return new ConfigKey<>(name, defaultValue, shown(defaultValue), "", (r, c, d) -> r.decimal(c, d, min, max));
    }

    public static ConfigKey<Boolean> bool(String name, boolean defaultValue) {
        return new ConfigKey<>(name, defaultValue, shown(defaultValue), "", ConfigReader::bool);
    }

    public static ConfigKey<Duration> duration(String name, Duration defaultValue, Duration min, Duration max) {
        return new ConfigKey<>(name, defaultValue, shown(defaultValue), "", (r, c, d) -> r.duration(c, d, min, max));
    }

    public static <E extends Enum<E>> ConfigKey<E> enumValue(String name, Class<E> type, E defaultValue) {
        return new ConfigKey<>(name, defaultValue, shown(defaultValue), "", (r, c, d) -> r.enumValue(c, type, d));
    }

    /** A list of strings; absent (or null) gives the default. */
    public static ConfigKey<List<String>> strings(String name, List<String> defaultValue) {
        return new ConfigKey<>(
                name, defaultValue, defaultValue.isEmpty() ? "none" : shown(defaultValue), "", (r, c, d) -> {
                    List<String> value = r.strings(c);
                    return r.has(c) ? value : d;
                });
    }

    /** A free-form string mapping (labels, extra properties); its inner keys are not checked. */
    public static ConfigKey<Map<String, String>> stringMap(String name) {
        return new ConfigKey<>(name, Map.of(), "none", "", (r, c, d) -> r.stringMap(c));
    }

    /** A file, relative to the config file's directory. */
    public static ConfigKey<Optional<Path>> path(String name) {
        return new ConfigKey<>(
                name, Optional.empty(), "none", "", (r, c, d) -> r.path(c).or(() -> d));
    }

    /** A secret, {@code {env: NAME}} or {@code {file: PATH}}; never shown (see {@link Secret}). */
    public static ConfigKey<Optional<Secret>> secret(String name) {
        return new ConfigKey<>(
                name, Optional.empty(), "none", "", (r, c, d) -> r.secret(c).or(() -> d));
    }

    /** A list of mappings, each read by the caller (nodes, jobs, child routes). */
    public static ConfigKey<List<ConfigReader>> sections(String name) {
        return new ConfigKey<>(name, List.of(), "none", "", (r, c, d) -> r.sections(c));
    }

    /**
     * A string turned into a value by {@code parse}; when it throws, the problem is
     * {@code reason(text, exception)} and the default stands.
     */
    public static <T> ConfigKey<T> parsed(
            String name,
            T defaultValue,
            Function<String, T> parse,
            BiFunction<String, RuntimeException, String> reason) {
        return new ConfigKey<>(name, defaultValue, shown(defaultValue), "", (r, c, d) -> {
            Optional<String> text = r.string(c);
            if (text.isEmpty()) {
                return d;
            }
            try {
                return parse.apply(text.get());
            } catch (RuntimeException e) {
                r.problem(c, reason.apply(text.get(), e));
                return d;
            }
        });
    }

    /** A value as the docs show it: {@code `30s`}, {@code `0.8`}, {@code `[a, b]`}; none when there is none. */
    static String shown(Object value) {
        if (value == null) {
            return "none";
        }
        String text;
        if (value instanceof Duration d) {
            text = Durations.format(d);
        } else if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            text = Long.toString(d.longValue());
        } else if (value instanceof Enum<?> e) {
            text = e.name().toLowerCase().replace('_', '-');
        } else {
            text = value.toString();
        }
        return "`" + text + "`";
    }
}
