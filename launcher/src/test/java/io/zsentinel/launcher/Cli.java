package io.zsentinel.launcher;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the real entry point with System.err captured (picocli writes to it lazily, per call). */
final class Cli {
    record Result(int exit, String stderr) {}

    private Cli() {}

    static Result execute(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream capture = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            exit = Zsentinel.execute(args);
            capture.flush();
        } finally {
            System.setErr(original);
        }
        return new Result(exit, err.toString(StandardCharsets.UTF_8));
    }
}
