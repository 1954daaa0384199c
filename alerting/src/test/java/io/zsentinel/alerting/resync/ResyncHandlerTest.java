package io.zsentinel.alerting.resync;

import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.alerting.dispatch.Settlement;
import io.zsentinel.alerting.model.Alert;
import io.zsentinel.alerting.support.Findings;
import io.zsentinel.alerting.support.ManualScheduler;
import io.zsentinel.alerting.support.RecordingAudit;
import io.zsentinel.common.config.Secret;
import io.zsentinel.events.data.AuditData;
import io.zsentinel.events.data.FindingData;
import io.zsentinel.events.kafka.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The handler's bookkeeping around the pure policy, with Kafka's in-memory producer. */
class ResyncHandlerTest {
    private static final Instant MONDAY_10 = Instant.parse("2026-01-05T10:00:00Z");
    private final ManualScheduler clock = new ManualScheduler(MONDAY_10);
    private final RecordingAudit audit = new RecordingAudit();
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final List<Alert> raised = new ArrayList<>();

    private ResyncHandler handler(boolean dryRun, List<String> blackout) {
        ResyncConfig config = new ResyncConfig(
                true,
                dryRun,
                List.of("lab/*"),
                Duration.ofHours(1),
                1,
                Duration.ofHours(6),
                blackout.stream().map(BlackoutWindow::parse).toList(),
                ZoneId.of("UTC"),
                Duration.ofMinutes(15),
                1.3,
                Secret.of("0123456789abcdef0123", "test"));
        return new ResyncHandler(config, producer, new Topics("t"), audit, clock.clock(), "a", raised::add);
    }

    private static FindingData broken(String job, String status, Map<String, String> annotations) {
        return Findings.finding(
                "chain.broken", status, MONDAY_10.minusSeconds(60), annotations, "cluster=lab", "job=" + job);
    }

    @Test
    void dryRunAuditsWhatItWouldDoAndPublishesNothing() {
        ResyncHandler handler = handler(true, List.of());
        handler.onFinding(broken("lab/101-0", "firing", Map.of()), Settlement.none());
        assertThat(producer.history()).isEmpty();
        assertThat(audit.events).extracting(AuditData::action).containsExactly("resync.dry_run");
        assertThat(audit.events.get(0).attributes()).containsKey("command_id");
    }

    @Test
    void aResendDoesNotOrderTwiceAndDeferralsAreAuditedOncePerReason() {
        ResyncHandler handler = handler(false, List.of("mon 09:00-11:00"));
        FindingData first = broken("lab/101-0", "firing", Map.of());
        handler.onFinding(first, Settlement.none());
        handler.onFinding(first, Settlement.none());
        assertThat(audit.events).extracting(AuditData::action).containsExactly("resync.deferred");
        assertThat(audit.events.get(0).reason()).isEqualTo("blackout");

        clock.advance(Duration.ofHours(1));
        handler.onFinding(first, Settlement.none());
        handler.onFinding(first, Settlement.none());
        assertThat(producer.history()).hasSize(1);
        assertThat(producer.history().get(0).key()).isEqualTo("lab/101-0");
        assertThat(audit.events).extracting(AuditData::action).containsExactly("resync.deferred", "command.issued");

        // another job waits for the one running, then goes once the first chain is whole again
        FindingData second = broken("lab/102-0", "firing", Map.of());
        handler.onFinding(second, Settlement.none());
        assertThat(audit.events).extracting(AuditData::reason).last().isEqualTo("max_concurrent");
        handler.onFinding(broken("lab/101-0", "resolved", Map.of()), Settlement.none());
        handler.onFinding(second, Settlement.none());
        assertThat(producer.history()).hasSize(2);
    }

    @Test
    void aRefusalRaisesOneAlertAndResolvesItWithTheChain() {
        ResyncHandler handler = handler(false, List.of());
        AtomicInteger settled = new AtomicInteger();
        Settlement settlement = new Settlement(settled::incrementAndGet);
        FindingData noSpace = broken("lab/103-0", "firing", Map.of("source_bytes", "100", "target_free_bytes", "100"));
        handler.onFinding(noSpace, settlement);
        handler.onFinding(noSpace, Settlement.none());
        settlement.release();
        assertThat(settled).hasValue(1);
        assertThat(raised).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo(ResyncHandler.REFUSED_ALERT);
            assertThat(a.labels()).containsEntry("job", "lab/103-0");
            assertThat(a.resolved()).isFalse();
        });
        assertThat(audit.events).extracting(AuditData::action).containsExactly("resync.refused");
        assertThat(producer.history()).isEmpty();

        handler.onFinding(broken("lab/103-0", "resolved", Map.of()), Settlement.none());
        assertThat(raised).hasSize(2);
        assertThat(raised.get(1).resolved()).isTrue();
        assertThat(raised.get(1).fingerprint()).isEqualTo(raised.get(0).fingerprint());
    }
}
