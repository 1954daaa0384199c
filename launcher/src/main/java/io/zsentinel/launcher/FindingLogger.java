package io.zsentinel.launcher;

import io.zsentinel.events.EventType;
import io.zsentinel.events.data.FindingData;
import io.zsentinel.events.kafka.EventConsumer;
import io.zsentinel.events.kafka.ReceivedEvent;
import io.zsentinel.events.kafka.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs one line per finding published, so the operator running {@code zsentinel run} sees them. */
final class FindingLogger implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("zsentinel.findings");

    private final EventConsumer consumer;
    private final Thread thread;
    private volatile boolean running = true;

    FindingLogger(String bootstrap, Topics topics) {
        // A group of its own, from the latest offset: the log shows what happens from now on.
        this.consumer = new EventConsumer(
                bootstrap,
                "zsentinel-finding-log-" + UUID.randomUUID(),
                "launcher",
                topics,
                Map.of("auto.offset.reset", "latest"));
        consumer.subscribe(List.of(topics.findings()));
        this.thread = new Thread(this::loop, "finding-logger");
        thread.setDaemon(true);
        thread.start();
    }

    static String line(FindingData f) {
        return String.format("%-8s %-8s %-15s %s", f.status().toUpperCase(), f.severity(), f.name(), f.summary());
    }

    private void loop() {
        try {
            while (running) {
                for (ReceivedEvent event : consumer.poll(Duration.ofMillis(500))) {
                    if (event.event().type() == EventType.FINDING) {
                        LOG.info(line(event.event().data(FindingData.class)));
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.warn("finding log stopped: {}", e.toString());
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
