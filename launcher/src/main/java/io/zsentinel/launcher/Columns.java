package io.zsentinel.launcher;

import java.util.List;
import java.util.Locale;

/** Left-aligned text columns, two spaces apart, as pvesr and zfs print their tables. Pure. */
final class Columns {
    private Columns() {}

    /** The rows (the first is the header) aligned, one line each, without trailing blanks. */
    static String align(List<String[]> rows) {
        int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(String.format(Locale.ROOT, "%-" + widths[i] + "s", row[i]));
                if (i < row.length - 1) {
                    line.append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** The first line of a text, at most {@code max} characters (an ellipsis shows the cut). */
    static String oneLine(String s, int max) {
        String first = s == null ? "" : s.strip().lines().findFirst().orElse("");
        return first.length() > max ? first.substring(0, max - 3) + "..." : first;
    }

    static String orDash(String s) {
        return s == null ? "-" : s;
    }
}
