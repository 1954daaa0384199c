package io.zsentinel.launcher;

import io.zsentinel.events.Envelope;
import io.zsentinel.events.kafka.EventRecords;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The CLI's producer: each event sent and confirmed by the broker (acks=all) before the verb goes on. */
final class EventSender implements AutoCloseable {
    static final Duration BROKER = Duration.ofSeconds(15);

    private final KafkaProducer<String, byte[]> producer;

    EventSender(String bootstrap) {
        producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.CLIENT_ID_CONFIG,
                        "zsentinel-cli",
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        (int) BROKER.toMillis(),
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        (int) BROKER.toMillis() / 2,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        BROKER.toMillis()),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    void send(String topic, String key, Envelope event) throws IOException, InterruptedException {
        try {
            producer.send(EventRecords.toRecord(topic, key, event)).get(BROKER.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException(
                    "Kafka did not take the " + event.type().wireName() + " record: "
                            + e.getCause().getMessage(),
                    e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException(
                    "Kafka did not confirm the " + event.type().wireName() + " record within " + BROKER.toSeconds() * 2
                            + " s",
                    e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
