package io.zsentinel.executor.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.EventType;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every event goes to the on-disk {@link Spool} first (a write-ahead log), and one sender
 * thread moves it to Kafka in order with an idempotent producer, committing the spool cursor
 * only after the broker acknowledged. Kafka down or slow: events wait in the spool, the
 * service goes on, and they are sent in order when it returns. Delivery is at least once
 * (a batch that failed part-way is sent again; consumers dedup on the event id).
 *
 * <p>Each failed record is classified once ({@link SendFailure}): an outage keeps it at the head
 * of the spool and the sender retries with backoff; a permanent refusal (too large, not
 * authorised, invalid topic, unreadable) moves it to {@link RejectedEvents} beside the spool,
 * counted in {@value #REJECTED_METRIC} by reason and logged once per reason, and the events
 * behind it go on.
 *
 * <p>The spool is bounded: when full, new events of low-value periodic types (progress,
 * heartbeat, pool usage, inventory — the next one supersedes them) are dropped first; a full
 * spool drops facts too, counted in {@code zsentinel.executor.spool.dropped} and logged.
 */
public final class SpoolingPublisher implements EventPublisher {
    public static final String REJECTED_METRIC = "zsentinel.executor.spool.rejected";
    /** How long the first event that cannot be delivered takes at most to turn {@link #connected()} false. */
    public static final Duration OUTAGE_NOTICED_WITHIN = SpoolProducer.ATTEMPT_BOUND;

    private static final Logger LOG = LoggerFactory.getLogger(SpoolingPublisher.class);
    private static final Set<EventType> SUPERSEDED = Set.of(
            EventType.SEND_PROGRESS, EventType.EXECUTOR_HEARTBEAT, EventType.POOL_USAGE, EventType.INVENTORY_REPORTED);
    private static final int BATCH = 500;
    /** Room kept free for facts (job results, snapshots): periodic events may not use it. */
    private static final double PERIODIC_SHARE = 0.8;

    private final String bootstrap;
    private final Spool spool;
    private final RejectedEvents rejectedEvents;
    private final long maxBytes;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Thread sender;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Counter dropped;
    private volatile boolean connected;
    /** The sender thread's own state from here on. */
    private Producer<String, byte[]> producer;

    private boolean inOutage;
    private final Set<Class<?>> reasonsLogged = new HashSet<>();

    /** {@code clock} stamps the rejected-events file. */
    public SpoolingPublisher(String bootstrap, Path spoolDir, long maxBytes, MeterRegistry registry, Clock clock) {
        this.bootstrap = bootstrap;
        this.spool = new Spool(spoolDir, maxBytes);
        this.rejectedEvents = new RejectedEvents(spoolDir);
        this.maxBytes = maxBytes;
        this.registry = registry;
        this.clock = clock;
        this.dropped = Counter.builder("zsentinel.executor.spool.dropped")
                .description("events dropped because the spool was full")
                .register(registry);
        Gauge.builder("zsentinel.executor.spool.pending", spool, Spool::pendingBytes)
                .baseUnit("bytes")
                .description("bytes of events waiting for Kafka")
                .register(registry);
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
            LOG.error(
                    "event spool full ({} bytes): dropped {} {} for {}",
                    maxBytes,
                    event.type().wireName(),
                    event.id(),
                    key);
        }
    }

    /**
     * True while the last attempt to reach Kafka succeeded; false from the first failed attempt,
     * which comes within {@link #OUTAGE_NOTICED_WITHIN} of an event that cannot be delivered.
     * Unchanged while nothing is waiting to be sent.
     */
    public boolean connected() {
        return connected;
    }

    /** Where the records Kafka refused for good are kept. */
    public Path rejectedFile() {
        return rejectedEvents.file();
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
        while (!closed.get()) {
            Optional<Throwable> outage;
            try {
                outage = attempt();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // no producer (e.g. a bootstrap name that does not resolve yet) or the disk refused:
                // nothing was committed, so the same records are tried again
                outage = Optional.of(e);
            }
            if (outage.isEmpty()) {
                backoffMs = 200;
                continue;
            }
            if (closed.get()) {
                return;
            }
            connected = false;
            if (!inOutage) {
                LOG.warn(
                        "Kafka at {} unreachable ({}); events wait in the spool",
                        bootstrap,
                        outage.get().toString());
                inOutage = true;
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

    /** One batch from the spool to Kafka; the outage that stopped it part-way, if any. */
    private Optional<Throwable> attempt() throws InterruptedException {
        List<Spool.Entry> batch = spool.peek(BATCH);
        if (batch.isEmpty()) {
            spool.awaitPending(500);
            return Optional.empty();
        }
        if (producer == null) {
            producer = SpoolProducer.create(bootstrap);
        }
        BatchSender.Outcome outcome = new BatchSender(producer, SpoolProducer.ACK_DEADLINE).send(batch);
        if (settle(outcome)) {
            // a refusal can leave the producer in a fatal state (e.g. no IdempotentWrite right) that
            // would refuse every later record too; a new producer asks again
            closeProducer();
        }
        if (outcome.outage().isPresent()) {
            return Optional.of(outcome.outage().get().cause());
        }
        if (inOutage && outcome.reachedKafka()) {
            LOG.info("Kafka at {} reachable again; spooled events delivered", bootstrap);
            inOutage = false;
        }
        return Optional.empty();
    }

    /**
     * Records the batch's rejections (each in the rejected-events file before the spool lets it go),
     * then commits its settled prefix. True when something was rejected.
     */
    private boolean settle(BatchSender.Outcome outcome) {
        Spool.Entry last = null;
        boolean rejectedAny = false;
        for (BatchSender.Settled settled : outcome.settled()) {
            if (settled instanceof BatchSender.Rejected rejected) {
                if (closed.get()) {
                    // closing cuts the producer off; what fails then may be the closing's doing
                    break;
                }
                reject(rejected);
                rejectedAny = true;
            }
            last = settled.entry();
        }
        if (outcome.reachedKafka()) {
            // before the commit: whoever sees the spool drained must also see Kafka reachable
            connected = true;
        }
        if (last != null) {
            spool.commit(last);
        }
        return rejectedAny;
    }

    private void reject(BatchSender.Rejected rejected) {
        SendFailure.Permanent failure = rejected.failure();
        rejectedEvents.append(rejected.entry(), failure, clock.instant());
        Counter.builder(REJECTED_METRIC)
                .tag("reason", failure.reasonName())
                .description("events Kafka refused for good, moved to the rejected-events file")
                .register(registry)
                .increment();
        if (reasonsLogged.add(failure.cause().getClass())) {
            LOG.error(
                    "an event was refused for good ({}); it is kept in {} and the events behind it go on."
                            + " Further refusals for {} are counted in {} and not logged",
                    failure.cause().toString(),
                    rejectedEvents.file(),
                    failure.reasonName(),
                    REJECTED_METRIC);
        }
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
            rejectedEvents.close();
        }
    }
}
