package io.zsentinel.executor.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.EventType;
import io.zsentinel.events.data.SnapshotData;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** A real producer against a port nobody listens on: the client never gets the topic's metadata. */
class BatchSenderTest {
    private static int deadPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static List<Spool.Entry> batch(int size) {
        List<Spool.Entry> entries = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Envelope event = Envelope.of(
                    EventType.SNAPSHOT_CREATED,
                    Envelope.source("executor", "test"),
                    "lab/101-0",
                    new SnapshotData("pve1", "rpool/data/x", "s" + i, "g" + i, Instant.EPOCH),
                    Clock.systemUTC());
            entries.add(new Spool.Entry("batchsender.events", "lab/101-0", EventCodec.encode(event), 0, i + 1));
        }
        return entries;
    }

    @Test
    void aBatchEndsInAnOutageAfterOneBlockedSendNotOnePerRecord() throws Exception {
        // 50 sends that each wait max.block.ms for metadata would take 50 times the bound below
        Duration bound = SpoolProducer.MAX_BLOCK.multipliedBy(3);
        try (Producer<String, byte[]> producer = SpoolProducer.create("127.0.0.1:" + deadPort())) {
            BatchSender.Outcome outcome = assertTimeoutPreemptively(
                    bound, () -> new BatchSender(producer, SpoolProducer.ACK_DEADLINE).send(batch(50)));
            assertThat(outcome.settled()).isEmpty();
            assertThat(outcome.reachedKafka()).isFalse();
            assertThat(outcome.outage())
                    .get()
                    .extracting(SendFailure.Outage::cause)
                    .isInstanceOf(TimeoutException.class);
        }
    }
}
