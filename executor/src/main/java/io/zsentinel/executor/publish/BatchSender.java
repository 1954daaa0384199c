package io.zsentinel.executor.publish;

import io.zsentinel.events.EventCodec;
import io.zsentinel.events.MalformedEventException;
import io.zsentinel.events.kafka.EventRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * One attempt to move a batch of spooled records to Kafka without changing their order: it sends
 * them through the producer, stops handing over records at the first one the producer already
 * failed, and then reads the acknowledgements in order up to the first outage. What it returns is
 * the settled prefix of the batch (delivered or rejected for good) and the outage that stopped it;
 * the caller records the rejections, commits the prefix and retries the rest.
 */
final class BatchSender {
    /** A record that needs no further attempt. */
    sealed interface Settled {
        Spool.Entry entry();
    }

    record Delivered(Spool.Entry entry) implements Settled {}

    /** Kafka will never take it as it is: it goes to the rejected-events file. */
    record Rejected(Spool.Entry entry, SendFailure.Permanent failure) implements Settled {}

    /** The batch's settled records in spool order, and the outage that kept the rest back, if any. */
    record Outcome(List<Settled> settled, Optional<SendFailure.Outage> outage) {
        boolean reachedKafka() {
            return settled.stream().anyMatch(Delivered.class::isInstance);
        }
    }

    private record Pending(Spool.Entry entry, Future<RecordMetadata> ack) {}

    private final Producer<String, byte[]> producer;
    private final Duration ackDeadline;

    /**
     * {@code ackDeadline} bounds the wait for the acknowledgements after the last record was handed
     * over; it must exceed the producer's delivery timeout so that the producer's own reason is the
     * one normally seen.
     */
    BatchSender(Producer<String, byte[]> producer, Duration ackDeadline) {
        this.producer = producer;
        this.ackDeadline = ackDeadline;
    }

    Outcome send(List<Spool.Entry> batch) throws InterruptedException {
        List<Pending> pending = new ArrayList<>(batch.size());
        for (Spool.Entry entry : batch) {
            Future<RecordMetadata> ack = handOver(entry);
            pending.add(new Pending(entry, ack));
            // Handing over the rest would let records behind a failed one reach Kafka first, and once
            // the client has lost the topic's metadata each further send blocks for max.block.ms: a
            // batch of hundreds would keep the outage unnoticed for as many times that.
            if (failedAlready(ack)) {
                break;
            }
        }
        long deadline = System.nanoTime() + ackDeadline.toNanos();
        List<Settled> settled = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            Optional<SendFailure> failure = await(p.ack(), deadline);
            if (failure.isEmpty()) {
                settled.add(new Delivered(p.entry()));
            } else if (failure.get() instanceof SendFailure.Permanent permanent) {
                settled.add(new Rejected(p.entry(), permanent));
            } else {
                return new Outcome(settled, Optional.of((SendFailure.Outage) failure.get()));
            }
        }
        return new Outcome(settled, Optional.empty());
    }

    private Future<RecordMetadata> handOver(Spool.Entry entry) {
        try {
            return producer.send(EventRecords.toRecord(entry.topic(), entry.key(), EventCodec.decode(entry.value())));
        } catch (MalformedEventException | RuntimeException e) {
            // send() throws instead of failing the future for serialisation errors, interrupts and a
            // closed producer; one path for every failure keeps the classification in one place
            return CompletableFuture.failedFuture(e);
        }
    }

    private static boolean failedAlready(Future<RecordMetadata> ack) {
        if (!ack.isDone()) {
            return false;
        }
        try {
            ack.get();
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** Empty when the record was acknowledged. */
    private static Optional<SendFailure> await(Future<RecordMetadata> ack, long deadline) throws InterruptedException {
        try {
            ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.of(SendFailure.classify(e.getCause()));
        } catch (TimeoutException e) {
            return Optional.of(new SendFailure.Outage(e));
        }
    }
}
