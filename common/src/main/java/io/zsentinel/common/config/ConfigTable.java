package io.zsentinel.common.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The docs table of a service's keys ({@code | key | default | meaning |}), made from its
 * declarations, and the rows of such a table found in a Markdown text: a service's docs test
 * compares the two, so the table cannot drift from the code.
 */
public final class ConfigTable {
    public static final String HEADER = "| key | default | meaning |";
    private static final String RULE = "|---|---|---|";

    private ConfigTable() {}

    /** One row per key, in the declared order. */
    public static List<String> rows(List<ConfigKey<?>> keys) {
        List<String> rows = new ArrayList<>();
        for (ConfigKey<?> key : keys) {
            if (key.description().isBlank() || key.description().contains("|")) {
                // an undocumented key, or one that would break the table, is a mistake in the declarations
                throw new IllegalStateException("key " + key.name() + " needs a description without '|'");
            }
            rows.add("| `" + key.name() + "` | " + key.defaultText() + " | " + key.description() + " |");
        }
        return rows;
    }

    /** The whole table, header included, as it is written into the docs. */
    public static String markdown(List<ConfigKey<?>> keys) {
        return String.join("\n", HEADER, RULE, String.join("\n", rows(keys))) + "\n";
    }

    /** The rows of the first keys table in a Markdown text (empty when there is none). */
    public static List<String> documentedRows(String markdown) {
        List<String> lines = markdown.lines().toList();
        int header = lines.indexOf(HEADER);
        List<String> rows = new ArrayList<>();
        if (header < 0) {
            return rows;
        }
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            rows.add(lines.get(i));
        }
        return rows;
    }
}
