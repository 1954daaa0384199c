package io.zsentinel.executor.node;

import io.zsentinel.remote.CommandResult;
import io.zsentinel.remote.RelayResult;
import io.zsentinel.remote.RemoteCommand;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * A node for tests of what the executor asks of ZFS: it answers each command by its unquoted
 * command line (a queue of answers for a line prefix first, then a fixed answer, then success),
 * records every line, and relays {@link #stdout} through the relay's progress as remote's relay
 * would, buffer by buffer.
 */
public final class ScriptedShell implements NodeShell {
    private final String name;
    private final Map<String, CommandResult> answers;
    private final Map<String, Deque<CommandResult>> queued = new HashMap<>();
    public final List<String> ran = new ArrayList<>();
    /** What the next relay's sender writes. */
    public InputStream stdout = new ByteArrayInputStream(new byte[0]);
    /** How the next relay's sender ends, when this node sends. */
    public CommandResult sendExit = ok();
    /** How the next relay's receiver ends, when this node receives. */
    public CommandResult receiveExit = ok();

    public ScriptedShell(String name, Map<String, CommandResult> answers) {
        this.name = name;
        this.answers = answers;
    }

    /** Answers the commands whose line starts with {@code prefix} from {@code results}, in turn. */
    public ScriptedShell queue(String prefix, List<CommandResult> results) {
        queued.computeIfAbsent(prefix, p -> new ArrayDeque<>()).addAll(results);
        return this;
    }

    public static String line(RemoteCommand command) {
        return String.join(" ", command.argv());
    }

    public static CommandResult ok() {
        return new CommandResult(0, "", "");
    }

    @Override
    public String node() {
        return name;
    }

    @Override
    public void connect() {}

    @Override
    public CommandResult exec(RemoteCommand command, Duration timeout) {
        String line = line(command);
        ran.add(line);
        for (Map.Entry<String, Deque<CommandResult>> q : queued.entrySet()) {
            if (line.startsWith(q.getKey()) && !q.getValue().isEmpty()) {
                return q.getValue().poll();
            }
        }
        return answers.getOrDefault(line, ok());
    }

    @Override
    public RelayResult relay(RemoteCommand send, NodeShell target, RemoteCommand receive, LongConsumer progress) {
        ran.add(line(send));
        CommandResult received = ok();
        if (target instanceof ScriptedShell t) {
            t.ran.add(line(receive));
            received = t.receiveExit;
        }
        byte[] buffer = new byte[256 * 1024];
        long bytes = 0;
        try {
            for (int n; (n = stdout.read(buffer)) >= 0; ) {
                bytes += n;
                progress.accept(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException stoppedByProgress) {
            // remote's relay: the copy stops, the sender is stopped, the receiver sees a short stream
            return new RelayResult(bytes, new CommandResult(143, "", ""), received);
        }
        return new RelayResult(bytes, sendExit, received);
    }
}
