package io.zsentinel.remote;

/** Renders untrusted text for one-line error messages: control characters escaped, length capped. */
final class Printable {
    private static final int MAX = 120;

    private Printable() {}

    static String of(String s) {
        return of(s, MAX);
    }

    static String of(String s, int max) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (; i < s.length() && out.length() < max; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (i < s.length()) {
            out.append("...(").append(s.length()).append(" chars)");
        }
        return out.toString();
    }
}
