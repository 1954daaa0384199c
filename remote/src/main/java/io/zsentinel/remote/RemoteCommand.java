package io.zsentinel.remote;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A command line for the remote shell, built from a program and its arguments, never from a
 * string: every argument is {@link ShellQuote single-quoted}, the program must be a plain
 * word. Stages can be joined into a pipeline ({@code a | b}); {@link #withPipefail()} makes a
 * pipeline fail when any stage fails (rendered as {@code bash -o pipefail -c '...'}, because
 * a plain pipeline's status is only that of its last stage).
 *
 * <p>To run a small script, pass it as a constant to {@code sh -c} and the variable parts as
 * positional arguments: {@code RemoteCommand.of("sh", "-c", "cd \"$1\" && ls", "sh", dir)}.
 * To run a command on a further host ({@code ssh pve2 zfs receive ...}), pass the inner
 * command's {@link #toShell()} as one argument: it is quoted once more, and ssh's remote
 * shell removes exactly that layer.
 */
public final class RemoteCommand {
    // A plain word: no quoting needed and nothing the shell would expand. No leading '-'.
    private static final Pattern PROGRAM = Pattern.compile("[A-Za-z0-9_./+][A-Za-z0-9_./+-]*");

    private record Stage(String program, List<String> args) {
        String toShell() {
            return args.isEmpty() ? program : program + " " + ShellQuote.join(args);
        }
    }

    private final List<Stage> stages;
    private final boolean pipefail;

    private RemoteCommand(List<Stage> stages, boolean pipefail) {
        this.stages = List.copyOf(stages);
        this.pipefail = pipefail;
    }

    /** {@code program 'arg1' 'arg2' ...} */
    public static RemoteCommand of(String program, String... args) {
        return of(program, Arrays.asList(args));
    }

    /** {@code program 'arg1' 'arg2' ...} */
    public static RemoteCommand of(String program, List<String> args) {
        if (program == null || !PROGRAM.matcher(program).matches()) {
            throw new IllegalArgumentException("invalid program '" + Printable.of(program)
                    + "': must be a plain word of letters, digits, '_', '.', '/', '+', '-', not starting with '-'");
        }
        List<String> copy = new ArrayList<>(args.size());
        for (String a : args) {
            ShellQuote.quote(a); // fail now, with the argument in the message, not at render time
            copy.add(a);
        }
        return new RemoteCommand(List.of(new Stage(program, List.copyOf(copy))), false);
    }

    /** This command's output piped into {@code next}'s input. */
    public RemoteCommand pipe(RemoteCommand next) {
        Objects.requireNonNull(next, "next");
        List<Stage> all = new ArrayList<>(stages);
        all.addAll(next.stages);
        return new RemoteCommand(all, pipefail || next.pipefail);
    }

    /** Shorthand for {@code pipe(RemoteCommand.of(program, args))}. */
    public RemoteCommand pipe(String program, String... args) {
        return pipe(of(program, args));
    }

    /** The pipeline's status is that of the rightmost failing stage (needs bash on the remote). */
    public RemoteCommand withPipefail() {
        return new RemoteCommand(stages, true);
    }

    /** The first stage's program, e.g. {@code zfs}: a low-cardinality label for metrics. */
    public String program() {
        return stages.get(0).program();
    }

    /** The first stage's first argument, e.g. {@code send} in {@code zfs send ...}; empty if none. */
    public String subcommand() {
        List<String> args = stages.get(0).args();
        return args.isEmpty() ? "" : args.get(0);
    }

    /**
     * The program and its arguments, unquoted: what a command without a pipeline runs, for
     * assertions and for matching a command without its quoting.
     *
     * @throws IllegalStateException for a pipeline
     */
    public List<String> argv() {
        if (isPipeline()) {
            throw new IllegalStateException("a pipeline has no single argument vector: " + toShell());
        }
        List<String> argv = new ArrayList<>(stages.get(0).args().size() + 1);
        argv.add(stages.get(0).program());
        argv.addAll(stages.get(0).args());
        return List.copyOf(argv);
    }

    public boolean isPipeline() {
        return stages.size() > 1;
    }

    /** The exact string the remote shell receives. */
    public String toShell() {
        String line = stages.stream().map(Stage::toShell).collect(Collectors.joining(" | "));
        return pipefail && isPipeline() ? "bash -o pipefail -c " + ShellQuote.quote(line) : line;
    }

    @Override
    public String toString() {
        return toShell();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RemoteCommand other && other.stages.equals(stages) && other.pipefail == pipefail;
    }

    @Override
    public int hashCode() {
        return Objects.hash(stages, pipefail);
    }
}
