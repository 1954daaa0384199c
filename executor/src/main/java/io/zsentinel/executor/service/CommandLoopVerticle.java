package io.zsentinel.executor.service;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.zsentinel.events.kafka.ReceivedEvent;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the commands topic, one poll per task on a worker context (deploy it as a worker
 * verticle: a poll blocks). A failed poll is tried again after a {@link RetryBackoff} delay on a
 * timer, so nothing sleeps and a close never waits out a delay; {@link #wakeUp} ends a poll
 * under way at once.
 */
public final class CommandLoopVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(CommandLoopVerticle.class);
    /** How long one poll waits for commands. */
    static final Duration POLL = Duration.ofMillis(500);
    /** A broker away for long is asked again every 30 s. */
    public static final RetryBackoff BACKOFF = new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    private final Supplier<CommandSource> open;
    private final Consumer<ReceivedEvent> handler;
    private final RetryBackoff backoff;
    private volatile boolean stopping;
    private volatile CommandSource source;
    private int failures;
    private long retry = -1;

    /** @param open creates and subscribes the source; called on the worker, at start */
    public CommandLoopVerticle(Supplier<CommandSource> open, Consumer<ReceivedEvent> handler, RetryBackoff backoff) {
        this.open = open;
        this.handler = handler;
        this.backoff = backoff;
    }

    @Override
    public Future<?> start() {
        try {
            source = open.get();
        } catch (RuntimeException e) {
            // the executor goes on without commands, as it would without a broker's answer
            LOG.error("the command consumer stopped", e);
            return Future.succeededFuture();
        }
        context.runOnContext(v -> poll());
        return Future.succeededFuture();
    }

    /** From any thread, before undeploying: no further poll, and the one under way ends now. */
    public void wakeUp() {
        stopping = true;
        CommandSource s = source;
        if (s != null) {
            s.wakeup();
        }
    }

    @Override
    public Future<?> stop() {
        stopping = true;
        vertx.cancelTimer(retry);
        CommandSource s = source;
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException e) {
                LOG.warn("closing the command consumer: {}", e.toString());
            }
        }
        return Future.succeededFuture();
    }

    private void poll() {
        if (stopping) {
            return;
        }
        try {
            source.poll(POLL, handler);
            failures = 0;
        } catch (RuntimeException e) {
            if (stopping) {
                return; // woken up to stop
            }
            failures++;
            Duration delay = backoff.after(failures);
            LOG.warn("reading commands: {} (again in {} ms)", e.toString(), delay.toMillis());
            retry = vertx.setTimer(delay.toMillis(), id -> poll());
            return;
        }
        context.runOnContext(v -> poll());
    }
}
