package io.zsentinel.alerting.dispatch;

import static io.zsentinel.alerting.support.Alerts.firing;
import static io.zsentinel.alerting.support.Alerts.firingAt;
import static io.zsentinel.alerting.support.Alerts.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.alerting.model.Alert;
import io.zsentinel.alerting.nflog.InMemoryNotificationLog;
import io.zsentinel.alerting.support.Alerts;
import io.zsentinel.alerting.support.PipelineFixture;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupingTimingTest {
    private final PipelineFixture f = PipelineFixture.standard();
    private final Alert a = firing("rpo.breached", "job=lab/101-0");
    private final Alert b = firing("rpo.breached", "job=lab/102-0");

    @Test
    void waitsGroupWaitThenBatchesLaterAlertsUntilGroupInterval() {
        f.ingest(a);
        f.advance(Duration.ofSeconds(29));
        assertThat(f.notifier.received).isEmpty();
        f.advance(Duration.ofSeconds(1));
        assertThat(f.notifier.summaries()).containsExactly("firing[" + a.fingerprint() + "] resolved[]");

        f.advance(Duration.ofMinutes(1));
        f.ingest(b);
        f.advance(Duration.ofMinutes(3).plusSeconds(59));
        assertThat(f.notifier.received).hasSize(1);
        f.advance(Duration.ofSeconds(1));
        assertThat(f.notifier.received).hasSize(2);
        assertThat(f.notifier.received.get(1).alerts())
                .extracting(Alert::fingerprint)
                .containsExactlyInAnyOrder(a.fingerprint(), b.fingerprint());
    }

    @Test
    void repeatsOnlyAfterRepeatInterval() {
        f.ingest(a);
        f.advance(Duration.ofSeconds(30));
        f.advance(Duration.ofHours(3).plusMinutes(55));
        assertThat(f.notifier.received).hasSize(1);
        f.advance(Duration.ofMinutes(5));
        assertThat(f.notifier.received).hasSize(2);
        assertThat(f.notifier.received.get(1).id())
                .isNotEqualTo(f.notifier.received.get(0).id());
    }

    @Test
    void differentGroupLabelsFlushSeparately() {
        f.ingest(a);
        f.ingest(firing("space.low", "poolkey=lab/pve1/rpool"));
        f.advance(Duration.ofSeconds(30));
        assertThat(f.notifier.received).hasSize(2);
        assertThat(f.dispatcher.groups()).hasSize(2);
    }

    @Test
    void resolvedAlertsAreSentOnceThenTheGroupEnds() {
        f.ingest(a);
        f.advance(Duration.ofSeconds(30));
        f.ingest(resolved(a, f.scheduler.now()));
        f.advance(Duration.ofMinutes(5));
        assertThat(f.notifier.summaries()).last().isEqualTo("firing[] resolved[" + a.fingerprint() + "]");
        assertThat(f.dispatcher.groups()).isEmpty();
        f.advance(Duration.ofHours(5));
        assertThat(f.notifier.received).hasSize(2);
    }

    @Test
    void firedAndResolvedWithinGroupWaitIsNeverSent() {
        f.ingest(a);
        f.advance(Duration.ofSeconds(10));
        f.ingest(resolved(a, f.scheduler.now()));
        f.advance(Duration.ofMinutes(30));
        assertThat(f.notifier.received).isEmpty();
        assertThat(f.dispatcher.groups()).isEmpty();
    }

    @Test
    void anAlertOlderThanGroupWaitIsNotHeldAgain() {
        f.advance(Duration.ofMinutes(10));
        f.ingest(firingAt(Alerts.T0, "rpo.breached", "job=lab/101-0"));
        f.scheduler.runDue();
        assertThat(f.notifier.received).hasSize(1);
    }

    @Test
    void withoutSendResolvedOnlyTheFiringAreSentButTheLogStillForgets() {
        PipelineFixture g = new PipelineFixture(
                Set.of("alertname"),
                Duration.ZERO,
                Duration.ofMinutes(5),
                Duration.ofHours(4),
                false,
                new InMemoryNotificationLog());
        g.ingest(a);
        g.scheduler.runDue();
        g.ingest(resolved(a, g.scheduler.now()));
        g.advance(Duration.ofMinutes(5));
        assertThat(g.notifier.received).hasSize(1);
        assertThat(g.nflog.get(g.dispatcher.groups().isEmpty() ? ":{alertname=\"rpo.breached\"}" : "", "hook"))
                .hasValueSatisfying(e -> assertThat(e.firing()).isEmpty());
    }

    @Test
    void aRecordIsSettledOnlyWhenItsFlushIsDone() {
        AtomicInteger settled = new AtomicInteger();
        f.dispatcher.ingest(a, new Settlement(settled::incrementAndGet));
        f.advance(Duration.ofSeconds(29));
        assertThat(settled).hasValue(0);
        f.advance(Duration.ofSeconds(1));
        assertThat(settled).hasValue(1);
    }
}
