package io.zsentinel.executor.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.EventType;
import io.zsentinel.events.MalformedEventException;
import io.zsentinel.events.kafka.EventRecords;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every event goes to the on-disk {@link Spool} first (a write-ahead log), and one sender
 * thread moves it to Kafka in order with an idempotent producer, committing the spool cursor
 * only after the broker acknowledged. Kafka down or slow: events wait in the spool, the
 * service goes on, and they are sent in order when it returns. Delivery is at least once
 * (a batch that failed part-way is sent again; consumers dedup on the event id).
 *
 * <p>The spool is bounded: when full, new events of low-value periodic types (progress,
 * heartbeat, pool usage, inventory — the next one supersedes them) are dropped first; a full
 * spool drops facts too, counted in {@code zsentinel.executor.spool.dropped} and logged.
 */
public final class SpoolingPublisher implements EventPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolingPublisher.class);
    private static final Set<EventType> SUPERSEDED = Set.of(EventType.SEND_PROGRESS, EventType.EXECUTOR_HEARTBEAT,
            EventType.POOL_USAGE, EventType.INVENTORY_REPORTED);
    private static final int BATCH = 500;
    /** Room kept free for facts (job results, snapshots): periodic events may not use it. */
    private static final double PERIODIC_SHARE = 0.8;

    private final String bootstrap;
    private final Spool spool;
    private final long maxBytes;
    private final Thread sender;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Counter dropped;
    private volatile boolean connected;
    private Producer<String, byte[]> producer;

    public SpoolingPublisher(String bootstrap, Path spoolDir, long maxBytes, MeterRegistry registry) {
        this.bootstrap = bootstrap;
        this.spool = new Spool(spoolDir, maxBytes);
        this.maxBytes = maxBytes;
        this.dropped = Counter.builder("zsentinel.executor.spool.dropped")
                .description("events dropped because the spool was full").register(registry);
        Gauge.builder("zsentinel.executor.spool.pending", spool, Spool::pendingBytes).baseUnit("bytes")
                .description("bytes of events waiting for Kafka").register(registry);
        this.sender = new Thread(this::run, "zsentinel-event-sender");
        this.sender.setDaemon(true);
        this.sender.start();
    }

    @Override
    public void publish(String topic, String key, Envelope event) {
        if (closed.get()) {
            throw new IllegalStateException("publisher closed");
        }
        if (SUPERSEDED.contains(event.type()) && spool.pendingBytes() > maxBytes * PERIODIC_SHARE) {
            dropped.increment();
            return;
        }
        if (!spool.append(topic, key, EventCodec.encode(event))) {
            dropped.increment();
            LOG.error("event spool full ({} bytes): dropped {} {} for {}", maxBytes, event.type().wireName(),
                    event.id(), key);
        }
    }

    /** True while the last attempt to reach Kafka succeeded. */
    public boolean connected() {
        return connected;
    }

    public long pendingBytes() {
        return spool.pendingBytes();
    }

    /** Waits until everything published so far reached Kafka; false on timeout. */
    public boolean drain(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (spool.pendingBytes() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private void run() {
        long backoffMs = 200;
        boolean outage = false;
        while (!closed.get()) {
            try {
                List<Spool.Entry> batch = spool.peek(BATCH);
                if (batch.isEmpty()) {
                    spool.awaitPending(500);
                    continue;
                }
                send(batch);
                spool.commit(batch.get(batch.size() - 1));
                connected = true;
                if (outage) {
                    LOG.info("Kafka at {} reachable again; spooled events delivered", bootstrap);
                    outage = false;
                }
                backoffMs = 200;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | java.util.concurrent.ExecutionException
                    | java.util.concurrent.TimeoutException e) {
                connected = false;
                if (!outage) {
                    LOG.warn("Kafka at {} unreachable ({}); events wait in the spool", bootstrap, e.toString());
                    outage = true;
                }
                closeProducer();
                try {
                    Thread.sleep(backoffMs);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoffMs = Math.min(backoffMs * 2, 5000);
            }
        }
    }

    private void send(List<Spool.Entry> batch)
            throws InterruptedException, java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
        if (producer == null) {
            producer = newProducer();
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        for (Spool.Entry e : batch) {
            Envelope event;
            try {
                event = EventCodec.decode(e.value());
            } catch (MalformedEventException ex) {
                // written by this class, so it cannot happen unless the disk lies; skip it loudly
                LOG.error("unreadable spooled event skipped: {}", ex.getMessage());
                continue;
            }
            acks.add(producer.send(EventRecords.toRecord(e.topic(), e.key(), event)));
        }
        for (Future<RecordMetadata> ack : acks) {
            ack.get(30, TimeUnit.SECONDS);
        }
    }

    private Producer<String, byte[]> newProducer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15000);
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "zsentinel-executor");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ZERO);
            } catch (RuntimeException e) {
                LOG.debug("closing the producer: {}", e.toString());
            }
            producer = null;
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            sender.interrupt();
            try {
                sender.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeProducer();
            spool.close();
        }
    }
}
