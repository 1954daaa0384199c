package io.zsentinel.executor.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.events.MalformedEventException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownServerException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SendFailureTest {
    private static final String OUTAGE = "outage";

    /** The failure as the producer hands it over, and the class of the reason it must come to. */
    static Stream<Arguments> failures() {
        return Stream.of(
                // outages: Kafka or the way to it, for now
                outage(new TimeoutException("Expiring 1 record(s) for t-0: 15001 ms has passed")),
                outage(new ExecutionException(new TimeoutException("Topic t not present in metadata after 5000 ms."))),
                outage(new KafkaException("send failed", new NetworkException("disconnected"))),
                outage(new ExecutionException(new KafkaException(new DisconnectException()))),
                outage(new NotLeaderOrFollowerException()),
                outage(new NotEnoughReplicasException("isr too small")),
                outage(new UnknownTopicOrPartitionException("not yet created")),
                outage(new CorruptRecordException("crc mismatch on the wire")),
                outage(new java.util.concurrent.TimeoutException()),
                outage(new KafkaException(new ConnectException("Connection refused"))),
                outage(new SaslAuthenticationException("handshake failed")),
                outage(new InterruptException(new InterruptedException())),
                outage(new ExecutionException(new OutOfOrderSequenceException("expected 3, got 4"))),
                // permanent: this record, as it is, never
                permanent(new RecordTooLargeException("The message is 2097322 bytes"), RecordTooLargeException.class),
                permanent(
                        new ExecutionException(new RecordTooLargeException("too large")),
                        RecordTooLargeException.class),
                permanent(
                        new ExecutionException(new KafkaException(new RecordTooLargeException("too large"))),
                        RecordTooLargeException.class),
                permanent(
                        new CompletionException(new RecordBatchTooLargeException("batch")),
                        RecordBatchTooLargeException.class),
                permanent(
                        new ExecutionException(new TopicAuthorizationException("Not authorized to access topics: [t]")),
                        TopicAuthorizationException.class),
                permanent(
                        new KafkaException(new ClusterAuthorizationException("no IdempotentWrite")),
                        ClusterAuthorizationException.class),
                permanent(new InvalidTopicException("bad name"), InvalidTopicException.class),
                permanent(new SerializationException("cannot serialize"), SerializationException.class),
                permanent(
                        new ExecutionException(new InvalidRecordException("null key on a compacted topic")),
                        InvalidRecordException.class),
                permanent(
                        new org.apache.kafka.common.errors.PolicyViolationException("topic policy"),
                        org.apache.kafka.common.errors.PolicyViolationException.class),
                permanent(new UnknownServerException("unexpected"), UnknownServerException.class),
                permanent(
                        new MalformedEventException(MalformedEventException.Reason.MALFORMED_JSON, "not JSON"),
                        MalformedEventException.class),
                // a plain KafkaException with nothing inside is its own reason
                permanent(new KafkaException("odd"), KafkaException.class));
    }

    private static Arguments outage(Throwable t) {
        return Arguments.of(t, OUTAGE);
    }

    private static Arguments permanent(Throwable t, Class<?> reason) {
        return Arguments.of(t, reason.getName());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("failures")
    void classifiesByTheCauseChain(Throwable failure, String expected) {
        SendFailure decided = SendFailure.classify(failure);
        if (expected.equals(OUTAGE)) {
            assertThat(decided).isInstanceOf(SendFailure.Outage.class);
        } else {
            assertThat(decided).isInstanceOf(SendFailure.Permanent.class);
            assertThat(decided.cause().getClass().getName()).isEqualTo(expected);
            assertThat(((SendFailure.Permanent) decided).reasonName())
                    .isEqualTo(decided.cause().getClass().getSimpleName());
        }
    }

    @Test
    void aCauseChainThatLoopsStillEndsInADecision() {
        KafkaException outer = new KafkaException("outer");
        KafkaException inner = new KafkaException("inner", outer);
        outer.initCause(inner);
        assertThat(SendFailure.classify(outer)).isInstanceOf(SendFailure.Permanent.class);
    }
}
