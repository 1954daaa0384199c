package io.zsentinel.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.zsentinel.broker.EmbeddedKafka;
import io.zsentinel.testkit.kafka.KafkaBrokerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The id is kept per state directory, and on the broker a member that comes back with it takes its
 * partitions at once. Every session here is 60 s and every wait at most 30 s: a member that had
 * to wait out a session could not pass.
 */
@ExtendWith(KafkaBrokerExtension.class)
class StaticMembershipTest {
    private static final Map<String, Object> LONG_SESSION = Map.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 60_000);

    @Test
    void theIdIsDrawnOnceAndKeptInTheStateDirectory(@TempDir Path a, @TempDir Path b) {
        String id = StaticMembership.instanceId(a, "collector");

        assertThat(id).startsWith("collector-");
        assertThat(StaticMembership.instanceId(a, "collector")).isEqualTo(id);
        assertThat(StaticMembership.instanceId(a, "alerting-main"))
                .startsWith("alerting-main-")
                .isNotEqualTo(id);
        assertThat(StaticMembership.instanceId(b, "collector")).isNotEqualTo(id);
    }

    @Test
    void aFileThatDoesNotHoldAnIdIsNamedNotUsed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("collector.instance-id"), "not an id; rm -rf /\n");

        assertThatThrownBy(() -> StaticMembership.instanceId(dir, "collector"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("collector.instance-id")
                .hasMessageContaining("delete it");
    }

    @Test
    void aMemberKilledAndStartedAgainTakesItsPartitionsBackAtOnce(EmbeddedKafka kafka, @TempDir Path state) {
        Topics topics = topics(kafka, "staticRestart");
        String group = topics.prefix() + ".group";
        String id = StaticMembership.instanceId(state, "commands");
        EventConsumer first = member(kafka, topics, group, id);
        awaitPartitions(first);
        // what a SIGKILL leaves behind: the coordinator still counts the member in, for its whole session
        first.kafkaConsumer()
                .close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP));

        try (EventConsumer again = member(kafka, topics, group, StaticMembership.instanceId(state, "commands"))) {
            awaitPartitions(again);
        }
    }

    @Test
    void aMemberThatStopsLeavesItsGroupForWhoeverComesNext(
            EmbeddedKafka kafka, @TempDir Path one, @TempDir Path other) {
        Topics topics = topics(kafka, "staticLeave");
        String group = topics.prefix() + ".group";
        try (EventConsumer stopping = member(kafka, topics, group, StaticMembership.instanceId(one, "commands"))) {
            awaitPartitions(stopping);
        }

        try (EventConsumer next = member(kafka, topics, group, StaticMembership.instanceId(other, "commands"))) {
            awaitPartitions(next);
        }
    }

    private static Topics topics(EmbeddedKafka kafka, String name) {
        Topics topics = new Topics(KafkaBrokerExtension.uniquePrefix(name));
        TopicAdmin.ensure(kafka.bootstrapServers(), topics);
        return topics;
    }

    private static EventConsumer member(EmbeddedKafka kafka, Topics topics, String group, String instanceId) {
        Map<String, Object> extra = new java.util.HashMap<>(LONG_SESSION);
        extra.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
        EventConsumer consumer = new EventConsumer(kafka.bootstrapServers(), group, "test", topics, extra);
        consumer.subscribe(List.of(topics.commands()));
        return consumer;
    }

    private static void awaitPartitions(EventConsumer consumer) {
        KafkaConsumer<byte[], byte[]> kafka = consumer.kafkaConsumer();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(200));
            return !kafka.assignment().isEmpty();
        });
    }
}
