package io.zsentinel.testkit.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs {@code deploy/lab/lab.sh} and captures what it says. */
final class LabScript {
    static final String RELATIVE = "deploy/lab/lab.sh";

    private final Path script;

    LabScript(Path script) {
        this.script = script;
    }

    /** The repository root: system property {@code zsentinel.root}, else the nearest parent of the working directory holding deploy/lab/lab.sh. */
    static Path locate() {
        String root = System.getProperty("zsentinel.root");
        if (root != null && !root.isBlank()) {
            Path p = Path.of(root).toAbsolutePath().resolve(RELATIVE);
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException("-Dzsentinel.root=" + root + " has no " + RELATIVE);
            }
            return p;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve(RELATIVE);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("no " + RELATIVE + " in " + Path.of("").toAbsolutePath()
                + " or its parents; set -Dzsentinel.root=<repository root>");
    }

    Path path() {
        return script;
    }

    /** Exit status and combined output of {@code lab.sh args...}. */
    record Outcome(int exitCode, String output) {
        /** The last lines of the output, for error messages. */
        String tail() {
            String[] lines = output.strip().split("\n");
            return String.join(" | ", List.of(lines).subList(Math.max(0, lines.length - 6), lines.length));
        }
    }

    Outcome run(long timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", script.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(output unreadable: " + e + ")";
            }
        });
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
            return new Outcome(
                    -1, "lab.sh " + String.join(" ", args) + " did not finish within " + timeoutSeconds + " s");
        }
        return new Outcome(p.exitValue(), out.join());
    }

    /** Runs {@code lab.sh args...}; throws with its last output lines unless it exits 0. */
    String require(long timeoutSeconds, String... args) throws IOException, InterruptedException {
        Outcome o = run(timeoutSeconds, args);
        if (o.exitCode() != 0) {
            throw new IllegalStateException(
                    "lab.sh " + String.join(" ", args) + " exited " + o.exitCode() + ": " + o.tail());
        }
        return o.output();
    }
}
