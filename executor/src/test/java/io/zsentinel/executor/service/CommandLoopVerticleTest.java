package io.zsentinel.executor.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventType;
import io.zsentinel.events.data.CommandData;
import io.zsentinel.events.kafka.ReceivedEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The command loop on a worker, against a scripted source: retries with backoff, stops at once. */
@ExtendWith(VertxExtension.class)
class CommandLoopVerticleTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final RetryBackoff FAST = new RetryBackoff(Duration.ofMillis(50), Duration.ofMillis(200));

    private Vertx vertx;
    private final List<ReceivedEvent> handled = new CopyOnWriteArrayList<>();

    /** Fails its first {@code failures} polls, then hands one command per poll; a poll blocks until woken when told to. */
    private static final class Script implements CommandSource {
        final List<Long> polledAt = new CopyOnWriteArrayList<>();
        final AtomicInteger failures;
        final boolean blockUntilWoken;
        final CountDownLatch woken = new CountDownLatch(1);
        final AtomicBoolean closed = new AtomicBoolean();
        final AtomicBoolean offWorker = new AtomicBoolean();

        Script(int failures, boolean blockUntilWoken) {
            this.failures = new AtomicInteger(failures);
            this.blockUntilWoken = blockUntilWoken;
        }

        @Override
        public void poll(Duration timeout, Consumer<ReceivedEvent> handler) {
            polledAt.add(System.nanoTime());
            if (!Context.isOnWorkerThread()) {
                offWorker.set(true);
            }
            if (failures.getAndDecrement() > 0) {
                throw new IllegalStateException("broker away");
            }
            if (blockUntilWoken) {
                try {
                    if (woken.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("woken up");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            CommandData c = Jobs.command("lab/101-0", CommandData.RUN_NOW);
            handler.accept(new ReceivedEvent(
                    "commands",
                    0,
                    polledAt.size(),
                    c.job(),
                    Envelope.of(
                            EventType.COMMAND_RUN_NOW,
                            Envelope.source("alerting", "test"),
                            c.job(),
                            c,
                            Clock.systemUTC())));
        }

        @Override
        public void wakeup() {
            woken.countDown();
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @BeforeEach
    void setUp(Vertx vertx) {
        this.vertx = vertx;
    }

    private String deploy(CommandLoopVerticle loop) {
        return vertx.deployVerticle(loop, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER))
                .await();
    }

    @Test
    void failedPollsAreRetriedAfterGrowingDelaysThenCommandsFlow() {
        Script script = new Script(3, false);
        deploy(new CommandLoopVerticle(() -> script, handled::add, FAST));
        await().atMost(WAIT).until(() -> handled.size() >= 2);
        List<Long> at = script.polledAt;
        for (int failure = 1; failure <= 3; failure++) {
            long gap = TimeUnit.NANOSECONDS.toMillis(at.get(failure) - at.get(failure - 1));
            assertThat(gap)
                    .as("wait after failure %d", failure)
                    .isGreaterThanOrEqualTo(FAST.after(failure).toMillis());
        }
        assertThat(script.offWorker.get()).as("every poll on a worker").isFalse();
        assertThat(handled.get(0).event().data()).isInstanceOf(CommandData.class);
    }

    @Test
    void wakeUpEndsAPollUnderWayAndUndeployClosesTheSource() {
        Script script = new Script(0, true);
        CommandLoopVerticle loop = new CommandLoopVerticle(() -> script, handled::add, FAST);
        String id = deploy(loop);
        await().atMost(WAIT).until(() -> script.polledAt.size() == 1);
        loop.wakeUp();
        Future<Void> undeployed = vertx.undeploy(id);
        await().atMost(Duration.ofSeconds(2)).until(undeployed::isComplete);
        assertThat(undeployed.succeeded()).isTrue();
        assertThat(script.closed.get()).isTrue();
        assertThat(script.polledAt).as("no poll after the wake-up").hasSize(1);
    }

    @Test
    void aCloseDoesNotWaitOutABackoff() {
        Script script = new Script(Integer.MAX_VALUE, false);
        CommandLoopVerticle loop = new CommandLoopVerticle(
                () -> script, handled::add, new RetryBackoff(Duration.ofHours(1), Duration.ofHours(1)));
        String id = deploy(loop);
        await().atMost(WAIT).until(() -> script.polledAt.size() == 1);
        loop.wakeUp();
        Future<Void> undeployed = vertx.undeploy(id);
        await().atMost(Duration.ofSeconds(2)).until(undeployed::isComplete);
        assertThat(script.closed.get()).isTrue();
    }

    @Test
    void aSourceThatCannotBeOpenedLeavesTheLoopIdle() {
        AtomicInteger opened = new AtomicInteger();
        deploy(new CommandLoopVerticle(
                () -> {
                    opened.incrementAndGet();
                    throw new IllegalStateException("no bootstrap");
                },
                handled::add,
                FAST));
        assertThat(opened.get()).isEqualTo(1);
        assertThat(handled).isEmpty();
    }
}
