package io.zsentinel.alerting.model;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A label matcher as Alertmanager writes it: {@code name = "value"}, {@code name != "value"},
 * {@code name =~ "regex"}, {@code name !~ "regex"}. Regexes are anchored. A missing label
 * reads as the empty string, so {@code job != "x"} matches an alert without {@code job}.
 */
public record Matcher(String name, Op op, String value) {
    public enum Op {
        EQUAL("="),
        NOT_EQUAL("!="),
        REGEX("=~"),
        NOT_REGEX("!~");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    private static final Map<String, Pattern> COMPILED = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Pattern SYNTAX = Pattern.compile(
            "\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|([^\\s\"=!~][^\\s\"]*)?)\\s*");

    public Matcher {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a matcher needs a label name");
        }
        if (value == null) {
            value = "";
        }
        if (op == Op.REGEX || op == Op.NOT_REGEX) {
            try {
                Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regex '" + value + "': " + e.getDescription());
            }
        }
    }

    public static Matcher equal(String name, String value) {
        return new Matcher(name, Op.EQUAL, value);
    }

    /** Parses {@code name op "value"} (quotes optional); throws with a message for a person. */
    public static Matcher parse(String text) {
        java.util.regex.Matcher m = SYNTAX.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text
                    + "' is not a matcher: expected e.g. alertname = \"chain.broken\"" + " (operators = != =~ !~)");
        }
        Op op = switch (m.group(2)) {
            case "=" -> Op.EQUAL;
            case "!=" -> Op.NOT_EQUAL;
            case "=~" -> Op.REGEX;
            default -> Op.NOT_REGEX;
        };
        String value =
                m.group(4) != null ? m.group(4).replaceAll("\\\\(.)", "$1") : (m.group(5) == null ? "" : m.group(5));
        return new Matcher(m.group(1), op, value);
    }

    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(name, "");
        return switch (op) {
            case EQUAL -> actual.equals(value);
            case NOT_EQUAL -> !actual.equals(value);
            case REGEX ->
                COMPILED.computeIfAbsent(value, Pattern::compile)
                        .matcher(actual)
                        .matches();
            case NOT_REGEX ->
                !COMPILED.computeIfAbsent(value, Pattern::compile)
                        .matcher(actual)
                        .matches();
        };
    }

    public static boolean all(List<Matcher> matchers, Map<String, String> labels) {
        for (Matcher m : matchers) {
            if (!m.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return name + op.symbol + "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
