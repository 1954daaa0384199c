package io.zsentinel.alerting.silence;

import io.zsentinel.alerting.kafka.CompactedTopic;
import io.zsentinel.alerting.kafka.Producers;
import io.zsentinel.events.EventCodec;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Silences in the compacted silences topic (key = silence id, value = JSON). */
public final class SilenceStore {
    private static final Logger LOG = LoggerFactory.getLogger(SilenceStore.class);

    private final Producer<String, byte[]> producer;
    private final String topic;

    public SilenceStore(Producer<String, byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    public CompletableFuture<Void> write(Silence silence) {
        try {
            return Producers.send(
                    producer,
                    new ProducerRecord<>(
                            topic, silence.id(), EventCodec.mapper().writeValueAsBytes(silence)));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    public int load(String bootstrap, Silences into, Instant now) {
        int loaded = 0;
        for (Map.Entry<String, byte[]> record :
                CompactedTopic.readAll(bootstrap, topic, Duration.ofSeconds(60)).entrySet()) {
            try {
                into.restore(EventCodec.mapper().readValue(record.getValue(), Silence.class), now);
                loaded++;
            } catch (IOException | RuntimeException e) {
                LOG.warn("silence {} unreadable, ignored: {}", record.getKey(), e.toString());
            }
        }
        return loaded;
    }
}
