package io.zsentinel.alerting.nflog;

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

/**
 * The notification log in the compacted nflog topic (key = receiver|groupKey, value = the
 * entry as JSON). Reloaded at start, so a restart neither re-sends nor forgets; expired
 * entries are tombstoned when found at load.
 */
public final class KafkaNotificationLog extends InMemoryNotificationLog {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaNotificationLog.class);

    private final Producer<String, byte[]> producer;
    private final String topic;

    public KafkaNotificationLog(Producer<String, byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /** Loads every live entry; returns how many. */
    public int load(String bootstrap, Instant now) {
        Map<String, byte[]> records = CompactedTopic.readAll(bootstrap, topic, Duration.ofSeconds(60));
        int loaded = 0;
        for (Map.Entry<String, byte[]> record : records.entrySet()) {
            try {
                NflogEntry entry = EventCodec.mapper().readValue(record.getValue(), NflogEntry.class);
                if (entry.expiresAt().isBefore(now)) {
                    producer.send(new ProducerRecord<>(topic, record.getKey(), null));
                    continue;
                }
                restore(entry);
                loaded++;
            } catch (IOException | RuntimeException e) {
                LOG.warn("nflog entry {} unreadable, ignored: {}", record.getKey(), e.toString());
            }
        }
        return loaded;
    }

    /** Forgets expired entries, in memory and (tombstones) in the topic; returns how many. */
    public int collectGarbage(Instant now) {
        int n = 0;
        for (String key : expired(now)) {
            forget(key);
            producer.send(new ProducerRecord<>(topic, key, null));
            n++;
        }
        return n;
    }

    @Override
    public CompletableFuture<Void> put(NflogEntry entry) {
        super.put(entry);
        try {
            return Producers.send(
                    producer,
                    new ProducerRecord<>(topic, entry.key(), EventCodec.mapper().writeValueAsBytes(entry)));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
