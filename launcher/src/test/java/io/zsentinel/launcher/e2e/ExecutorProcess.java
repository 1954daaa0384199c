package io.zsentinel.launcher.e2e;

import io.zsentinel.launcher.Zsentinel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code zsentinel executor --config F} in a JVM of its own, on this test JVM's class path, so
 * that a test can kill it with SIGKILL ({@link #kill}) as a crash or the OOM killer would, and
 * start it again on the same state. Its output goes to a log file per start.
 */
public final class ExecutorProcess implements AutoCloseable {
    private final Path config;
    private final Map<String, String> environment;
    private final Path logDir;
    private final String name;
    private Process process;
    private Path log;
    private int starts;

    private ExecutorProcess(Path config, Map<String, String> environment, Path logDir, String name) {
        this.config = config;
        this.environment = Map.copyOf(environment);
        this.logDir = logDir;
        this.name = name;
    }

    /** Starts the executor; {@code environment} is added to this JVM's (the secrets the config names). */
    public static ExecutorProcess start(Path config, Map<String, String> environment, Path logDir, String name)
            throws IOException {
        ExecutorProcess p = new ExecutorProcess(config, environment, logDir, name);
        p.startAgain();
        return p;
    }

    /** Starts it (again, after {@link #kill}) with the same config, state directory and environment. */
    public synchronized void startAgain() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is still running (pid " + process.pid() + ")");
        }
        starts++;
        log = logDir.resolve(name + "-" + starts + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // small and quick to start: the machine has two cores and the rest of the pipeline beside it
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                Zsentinel.class.getName(),
                "executor",
                "--config",
                config.toString()));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        process = builder.start();
        process.getOutputStream().close();
    }

    /** SIGKILL ({@link Process#destroyForcibly}): no shutdown hook, no close, nothing flushed. Waits until it is gone. */
    public synchronized void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " (pid " + process.pid() + ") still alive 30 s after SIGKILL");
        }
    }

    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process.pid();
    }

    /** The last lines of the current start's log, for a failure message. */
    public synchronized String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** The first {@code lines} lines of each start's log, each line prefixed by its start's number. */
    public synchronized List<String> logHeads(int lines) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= starts; i++) {
            Path file = logDir.resolve(name + "-" + i + ".log");
            try (var all = Files.lines(file)) {
                int start = i;
                all.limit(lines).forEach(l -> out.add("start " + start + ": " + l));
            } catch (IOException | java.io.UncheckedIOException e) {
                out.add("start " + i + ": (no log: " + e + ")");
            }
        }
        return out;
    }

    /** SIGTERM (the executor's shutdown hook lets runs finish for up to 20 s), then SIGKILL after 40 s. */
    @Override
    public synchronized void close() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
