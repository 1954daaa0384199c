package io.zsentinel.common.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads one YAML configuration and collects every problem on the way: a wrong type, a value out
 * of range, a missing required key, and — at {@link #finish()} — every key nobody asked for
 * (a typo must not be silently ignored). Each service reads its own section with it.
 *
 * <p>Accessors never throw: an invalid value records a problem naming the dotted key and
 * returns the default (or empty), so that all problems are reported at once.
 */
public final class ConfigReader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final JsonNode node;
    private final String path;
    private final Shared shared;

    private ConfigReader(JsonNode node, String path, Shared shared) {
        this.node = node;
        this.path = path;
        this.shared = shared;
    }

    /** Loads a YAML file; a missing file or a syntax error is a problem at the root. */
    public static ConfigReader load(Path file, Map<String, String> environment) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("config", "file " + file + " does not exist or is not a regular file");
        }
        try {
            return parse(Files.readString(file), environment, file.getParent());
        } catch (IOException e) {
            throw new ConfigException("config", "cannot read " + file + ": " + e.getMessage());
        }
    }

    public static ConfigReader parse(String yaml, Map<String, String> environment, Path baseDir) {
        JsonNode root;
        try {
            root = yaml.isBlank() ? YAML.createObjectNode() : YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ConfigException(
                    "config",
                    "not valid YAML: " + e.getOriginalMessage()
                            + (e.getLocation() == null
                                    ? ""
                                    : " at line " + e.getLocation().getLineNr()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            root = YAML.createObjectNode();
        }
        if (!root.isObject()) {
            throw new ConfigException("config", "the top level must be a mapping of sections");
        }
        return new ConfigReader(root, "", new Shared(environment, baseDir));
    }

    /** The dotted key of a child, e.g. {@code executor.jobs[0].schedule}. */
    public String key(String child) {
        return path.isEmpty() ? child : path + "." + child;
    }

    public String path() {
        return path;
    }

    public boolean has(String child) {
        JsonNode value = node.get(child);
        return value != null && !value.isNull();
    }

    /** A sub-section; absent sections read as empty so that defaults apply. */
    public ConfigReader section(String child) {
        JsonNode value = get(child);
        if (value.isMissingNode() || value.isNull()) {
            return new ConfigReader(YAML.createObjectNode(), key(child), shared);
        }
        if (!value.isObject()) {
            problem(child, "must be a mapping");
            return new ConfigReader(YAML.createObjectNode(), key(child), shared);
        }
        return new ConfigReader(value, key(child), shared);
    }

    /** A list of sub-sections, e.g. the jobs. */
    public List<ConfigReader> sections(String child) {
        JsonNode value = get(child);
        List<ConfigReader> result = new ArrayList<>();
        if (value.isMissingNode() || value.isNull()) {
            return result;
        }
        if (!value.isArray()) {
            problem(child, "must be a list");
            return result;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String itemPath = key(child) + "[" + i + "]";
            if (!item.isObject()) {
                shared.problems.add(new ConfigProblem(itemPath, "must be a mapping"));
                continue;
            }
            result.add(new ConfigReader(item, itemPath, shared));
        }
        return result;
    }

    /** The names of a mapping's entries, e.g. named receivers; each child is then read with {@link #section}. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    public Optional<String> string(String child) {
        JsonNode value = get(child);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isValueNode() || value.isBoolean()) {
            problem(child, "must be a string");
            return Optional.empty();
        }
        return Optional.of(value.asText());
    }

    public String string(String child, String defaultValue) {
        return string(child).orElse(defaultValue);
    }

    public String requiredString(String child) {
        Optional<String> value = string(child);
        if (value.isEmpty() && !has(child)) {
            problem(child, "is required");
        }
        return value.orElse(null);
    }

    /** A string that must match {@code pattern}; {@code what} tells the user what is expected. */
    public String matching(String child, Pattern pattern, String what, String defaultValue, boolean required) {
        Optional<String> value = string(child);
        if (value.isEmpty()) {
            if (required && !has(child)) {
                problem(child, "is required (" + what + ")");
            }
            return defaultValue;
        }
        if (!pattern.matcher(value.get()).matches()) {
            problem(child, "'" + value.get() + "' is not " + what);
            return defaultValue;
        }
        return value.get();
    }

    public <E extends Enum<E>> E enumValue(String child, Class<E> type, E defaultValue) {
        Optional<String> value = string(child);
        if (value.isEmpty()) {
            return defaultValue;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.get().replace('-', '_'))) {
                return constant;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            allowed.add(constant.name().toLowerCase().replace('_', '-'));
        }
        problem(child, "'" + value.get() + "' is not one of " + allowed);
        return defaultValue;
    }

    public long integer(String child, long defaultValue, long min, long max) {
        JsonNode value = get(child);
        if (value.isMissingNode() || value.isNull()) {
            return defaultValue;
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber()) {
            problem(child, "must be a whole number, got '" + value.asText() + "'");
            return defaultValue;
        }
        long v = value.asLong();
        if (v < min || v > max) {
            problem(child, "must be between " + min + " and " + max + ", got " + v);
            return defaultValue;
        }
        return v;
    }

    public double decimal(String child, double defaultValue, double min, double max) {
        JsonNode value = get(child);
        if (value.isMissingNode() || value.isNull()) {
            return defaultValue;
        }
        if (!value.isNumber()) {
            problem(child, "must be a number, got '" + value.asText() + "'");
            return defaultValue;
        }
        double v = value.asDouble();
        if (v < min || v > max) {
            problem(child, "must be between " + min + " and " + max + ", got " + v);
            return defaultValue;
        }
        return v;
    }

    public boolean bool(String child, boolean defaultValue) {
        JsonNode value = get(child);
        if (value.isMissingNode() || value.isNull()) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            problem(child, "must be true or false, got '" + value.asText() + "'");
            return defaultValue;
        }
        return value.asBoolean();
    }

    /** A duration like {@code 30s}, {@code 5m}, {@code 4h}, {@code 1d}, {@code 250ms}. */
    public Duration duration(String child, Duration defaultValue, Duration min, Duration max) {
        Optional<String> text = string(child);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            Duration d = Durations.parse(text.get());
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                problem(
                        child,
                        "must be between " + Durations.format(min) + " and " + Durations.format(max) + ", got "
                                + text.get());
                return defaultValue;
            }
            return d;
        } catch (IllegalArgumentException e) {
            problem(child, e.getMessage());
            return defaultValue;
        }
    }

    public List<String> strings(String child) {
        JsonNode value = get(child);
        List<String> result = new ArrayList<>();
        if (value.isMissingNode() || value.isNull()) {
            return result;
        }
        if (!value.isArray()) {
            problem(child, "must be a list of strings");
            return result;
        }
        for (JsonNode item : value) {
            if (!item.isValueNode()) {
                problem(child, "must be a list of strings");
                return List.of();
            }
            result.add(item.asText());
        }
        return result;
    }

    /** A string-to-string mapping (labels, matchers). */
    public Map<String, String> stringMap(String child) {
        JsonNode value = get(child);
        shared.opaque.add(key(child));
        Map<String, String> result = new java.util.LinkedHashMap<>();
        if (value.isMissingNode() || value.isNull()) {
            return result;
        }
        if (!value.isObject()) {
            problem(child, "must be a mapping of strings");
            return result;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            result.put(field.getKey(), field.getValue().asText());
        }
        return result;
    }

    /** A file path, relative paths taken from the config file's directory. */
    public Optional<Path> path(String child) {
        return string(child).map(p -> shared.baseDir == null ? Path.of(p) : shared.baseDir.resolve(p));
    }

    /**
     * A secret given as {@code {env: NAME}} or {@code {file: /path}} (or, discouraged, a
     * literal string). Its value is never part of a problem message.
     */
    public Optional<Secret> secret(String child) {
        JsonNode value = get(child);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (value.isTextual()) {
            return Optional.of(Secret.of(value.asText(), key(child)));
        }
        if (value.isObject() && value.size() == 1 && value.has("env")) {
            String name = value.get("env").asText();
            String secret = shared.environment.get(name);
            if (secret == null || secret.isEmpty()) {
                problem(child, "environment variable " + name + " is not set");
                return Optional.empty();
            }
            return Optional.of(Secret.of(secret, "env:" + name));
        }
        if (value.isObject() && value.size() == 1 && value.has("file")) {
            Path file = shared.baseDir == null
                    ? Path.of(value.get("file").asText())
                    : shared.baseDir.resolve(value.get("file").asText());
            try {
                return Optional.of(Secret.of(Files.readString(file).strip(), "file:" + file));
            } catch (IOException e) {
                problem(
                        child,
                        "cannot read secret file " + file + ": " + e.getClass().getSimpleName());
                return Optional.empty();
            }
        }
        problem(child, "must be {env: NAME} or {file: PATH}");
        return Optional.empty();
    }

    /** Records a problem about a child key (for cross-field checks in the services). */
    public void problem(String child, String reason) {
        shared.problems.add(new ConfigProblem(key(child), reason));
    }

    /** Checks a value read already; records the problem when the check fails. */
    public <T> T check(String child, T value, Predicate<T> valid, Function<T, String> reason) {
        if (value != null && !valid.test(value)) {
            problem(child, reason.apply(value));
        }
        return value;
    }

    /**
     * Ends reading: every key present but never asked for is a problem, then all problems are
     * thrown together.
     */
    public void finish() {
        collectUnknown(node, "");
        if (!shared.problems.isEmpty()) {
            throw new ConfigException(new ArrayList<>(shared.problems));
        }
    }

    public List<ConfigProblem> problems() {
        return List.copyOf(shared.problems);
    }

    private void collectUnknown(JsonNode current, String currentPath) {
        if (current.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = current.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String childPath = currentPath.isEmpty() ? field.getKey() : currentPath + "." + field.getKey();
                if (!shared.read.contains(childPath)) {
                    shared.problems.add(new ConfigProblem(childPath, "unknown key"));
                } else if (!shared.opaque.contains(childPath)) {
                    collectUnknown(field.getValue(), childPath);
                }
            }
        } else if (current.isArray()) {
            for (int i = 0; i < current.size(); i++) {
                collectUnknown(current.get(i), currentPath + "[" + i + "]");
            }
        }
    }

    private JsonNode get(String child) {
        String childPath = key(child);
        shared.read.add(childPath);
        JsonNode value = node.get(child);
        if (value == null) {
            return MissingNode.getInstance();
        }
        if (value.isValueNode() || isOpaqueMap(value)) {
            shared.opaque.add(childPath);
        }
        return value;
    }

    private static boolean isOpaqueMap(JsonNode value) {
        // {env: X} / {file: Y} secrets and free-form string maps are leaves for the unknown-key check
        if (!(value instanceof ObjectNode object)) {
            return false;
        }
        Iterator<JsonNode> children = object.elements();
        while (children.hasNext()) {
            if (!children.next().isValueNode()) {
                return false;
            }
        }
        return object.size() <= 1 && (object.has("env") || object.has("file"));
    }

    /** Marks a child as a free-form value (e.g. a labels map) whose inner keys are not checked. */
    public void opaque(String child) {
        shared.read.add(key(child));
        shared.opaque.add(key(child));
    }

    private static final class Shared {
        final Map<String, String> environment;
        final Path baseDir;
        final List<ConfigProblem> problems = new ArrayList<>();
        final Set<String> read = new LinkedHashSet<>();
        final Set<String> opaque = new LinkedHashSet<>();

        Shared(Map<String, String> environment, Path baseDir) {
            this.environment = environment;
            this.baseDir = baseDir;
        }
    }
}
