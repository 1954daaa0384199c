package io.zsentinel.executor.service;

import io.zsentinel.events.kafka.EventConsumer;
import io.zsentinel.events.kafka.ReceivedEvent;
import java.time.Duration;
import java.util.function.Consumer;

/** Where the command loop reads commands: the commands topic, or a test's script. */
public interface CommandSource extends AutoCloseable {
    /** One poll: hands each command read to {@code handler}, then commits. */
    void poll(Duration timeout, Consumer<ReceivedEvent> handler);

    /** From any thread: a poll under way ends at once, by throwing. */
    void wakeup();

    @Override
    void close();

    /** The topic, through a subscribed consumer. */
    static CommandSource of(EventConsumer consumer) {
        return new CommandSource() {
            @Override
            public void poll(Duration timeout, Consumer<ReceivedEvent> handler) {
                consumer.pollAndHandle(timeout, handler);
            }

            @Override
            public void wakeup() {
                consumer.wakeup();
            }

            @Override
            public void close() {
                consumer.close();
            }
        };
    }
}
