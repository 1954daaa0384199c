package io.zsentinel.executor.publish;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnknownProducerIdException;

/**
 * Why one spooled record did not reach Kafka, decided once, where the producer's answer comes
 * back, by walking the exception's cause chain. The publisher switches on the type, never on a
 * message.
 *
 * <ul>
 *   <li>{@link Outage}: Kafka or the way to it is unavailable for now — any {@link RetriableException}
 *       (timeouts, network, leader changes, not enough replicas), our own bound on waiting for an
 *       acknowledgement, a failed SSL/SASL handshake, an interrupt, or the idempotent producer's
 *       session breaking (sequence, epoch or producer-id errors). The record stays at the head of
 *       the spool and is sent again, in order, by a new producer.
 *   <li>{@link Permanent}: Kafka will never take this record as it is — too large, not authorised,
 *       an invalid topic, a serialisation error, an unreadable spooled value, and anything else
 *       not known to pass. The record moves to the rejected-events file so the ones behind it go on.
 * </ul>
 */
public sealed interface SendFailure {
    /** The exception that decided it. */
    Throwable cause();

    /** Wait and send the same record again. */
    record Outage(Throwable cause) implements SendFailure {}

    /** Set the record aside. {@code cause} is the specific exception, unwrapped from futures and wrappers. */
    record Permanent(Throwable cause) implements SendFailure {
        /** What the rejection counter and the log-once rule group by, e.g. {@code RecordTooLargeException}. */
        public String reasonName() {
            return cause.getClass().getSimpleName();
        }
    }

    static SendFailure classify(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (isOutage(t)) {
                return new Outage(t);
            }
        }
        return new Permanent(specific(failure));
    }

    private static boolean isOutage(Throwable t) {
        return t instanceof RetriableException
                || t instanceof java.util.concurrent.TimeoutException
                // a handshake that failed says nothing about the record; every record would fail alike
                || t instanceof AuthenticationException
                || t instanceof IOException
                // the publisher is closing: the record stays in the spool for the next start
                || t instanceof InterruptException
                || t instanceof InterruptedException
                // the idempotent producer's session broke (often because the record before this one was
                // rejected): a new producer sends this record fine
                || t instanceof OutOfOrderSequenceException
                || t instanceof UnknownProducerIdException
                || t instanceof InvalidProducerEpochException
                || t instanceof ProducerFencedException;
    }

    /** The first exception in the chain that is not a mere carrier of another. */
    private static Throwable specific(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        Throwable t = failure;
        while (isWrapper(t) && t.getCause() != null && seen.add(t)) {
            t = t.getCause();
        }
        return t;
    }

    private static boolean isWrapper(Throwable t) {
        return t instanceof ExecutionException
                || t instanceof CompletionException
                || t.getClass() == KafkaException.class;
    }
}
