package io.zsentinel.remote;

import java.util.List;
import java.util.stream.Collectors;

/**
 * POSIX single-quoting. Inside single quotes a POSIX shell interprets nothing ({@code $},
 * backticks, {@code \}, {@code ;}, newlines, globs are all literal), so the only character
 * needing care is the single quote itself, written as {@code '\''} (close, escaped quote,
 * reopen). Every argument of a {@link RemoteCommand} goes through here, always, even when it
 * "looks safe": one rule is easier to trust than a list of exceptions.
 */
public final class ShellQuote {
    private ShellQuote() {}

    /**
     * @return {@code arg} as one shell word that the remote shell turns back into exactly {@code arg}
     * @throws IllegalArgumentException if {@code arg} contains NUL, which no argv string can carry
     */
    public static String quote(String arg) {
        if (arg == null) {
            throw new IllegalArgumentException("shell argument is null");
        }
        if (arg.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("shell argument '" + Printable.of(arg)
                    + "' contains a NUL character, which no command argument can carry");
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    /** Each argument quoted, separated by single spaces. */
    public static String join(List<String> args) {
        return args.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
    }
}
