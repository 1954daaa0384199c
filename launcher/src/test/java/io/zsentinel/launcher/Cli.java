package io.zsentinel.launcher;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs the real entry point with System.err captured (picocli writes to it lazily, per call),
 * and, for {@link #execute(Map, String...)}, the standard output too and the environment the
 * verbs read their configuration's secrets from.
 */
final class Cli {
    record Result(int exit, String stdout, String stderr) {}

    private Cli() {}

    static Result execute(String... args) {
        return capture(() -> Zsentinel.execute(args), null);
    }

    static Result execute(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                K made = CommandLine.defaultFactory().create(cls);
                if (made instanceof UsesEnvironment verb) {
                    verb.useEnvironment(environment);
                }
                return made;
            }
        };
        return capture(
                () -> Zsentinel.commandLine(factory)
                        .setOut(new PrintWriter(out, true))
                        .execute(args),
                out);
    }

    private static Result capture(java.util.function.IntSupplier run, StringWriter out) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream capture = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            exit = run.getAsInt();
            capture.flush();
        } finally {
            System.setErr(original);
        }
        return new Result(exit, out == null ? "" : out.toString(), err.toString(StandardCharsets.UTF_8));
    }
}
