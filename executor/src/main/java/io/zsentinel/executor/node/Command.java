package io.zsentinel.executor.node;

import java.util.List;

/**
 * A remote command as an argument vector, rendered with every argument single-quoted so that
 * no argument is ever interpreted by the remote shell.
 */
public record Command(List<String> argv) {
    public Command {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
    }

    public static Command of(String... argv) {
        return new Command(List.of(argv));
    }

    /** The command line for {@code sh -c} on the node. */
    public String line() {
        StringBuilder out = new StringBuilder();
        for (String arg : argv) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(quote(arg));
        }
        return out.toString();
    }

    static String quote(String arg) {
        if (arg.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("NUL in a command argument");
        }
        if (!arg.isEmpty() && arg.matches("[A-Za-z0-9_@%+=:,./-]+") && !arg.startsWith("-") ) {
            return arg;
        }
        if (!arg.isEmpty() && arg.matches("-[A-Za-z0-9]+")) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    @Override
    public String toString() {
        return line();
    }
}
