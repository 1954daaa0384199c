package io.zsentinel.alerting.notify;

import static io.zsentinel.alerting.support.Alerts.firing;
import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.alerting.dispatch.Settlement;
import io.zsentinel.alerting.model.Alert;
import io.zsentinel.alerting.model.Matcher;
import io.zsentinel.alerting.silence.Silence;
import io.zsentinel.alerting.support.PipelineFixture;
import io.zsentinel.events.data.AuditData;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PipelineStagesTest {
    private final PipelineFixture f = new PipelineFixture(
            Set.of("cluster"),
            Duration.ofSeconds(30),
            Duration.ofMinutes(5),
            Duration.ofHours(4),
            true,
            new io.zsentinel.alerting.nflog.InMemoryNotificationLog());
    private final Alert rpo = firing("rpo.breached", "cluster=lab", "job=lab/101-0");
    private final Alert broken = firing("chain.broken", "cluster=lab", "job=lab/101-0");
    private final Alert otherRpo = firing("rpo.breached", "cluster=lab", "job=lab/102-0");

    @Test
    void aBrokenChainHidesTheRpoBreachOfItsJob() {
        f.ingest(rpo);
        f.ingest(broken);
        f.ingest(otherRpo);
        f.advance(Duration.ofSeconds(30));
        assertThat(f.notifier.received).hasSize(1);
        assertThat(f.notifier.received.get(0).alerts())
                .extracting(Alert::fingerprint)
                .containsExactlyInAnyOrder(broken.fingerprint(), otherRpo.fingerprint());
    }

    @Test
    void aSilenceMutesUntilItIsExpired() {
        Silence silence = new Silence(
                "s1",
                List.of(Matcher.parse("job = \"lab/101-0\"")),
                f.scheduler.now(),
                f.scheduler.now().plus(Duration.ofHours(1)),
                "ops",
                "maintenance",
                f.scheduler.now());
        f.silences.put(silence).join();
        f.ingest(rpo);
        f.advance(Duration.ofMinutes(30));
        assertThat(f.notifier.received).isEmpty();

        f.silences.expire("s1", f.scheduler.now()).orElseThrow().join();
        f.advance(Duration.ofMinutes(5));
        assertThat(f.notifier.received).hasSize(1);
    }

    @Test
    void aSilenceEndsByItself() {
        f.silences
                .put(new Silence(
                        "s2",
                        List.of(Matcher.parse("alertname=rpo.breached")),
                        f.scheduler.now(),
                        f.scheduler.now().plus(Duration.ofMinutes(7)),
                        "ops",
                        "",
                        f.scheduler.now()))
                .join();
        f.ingest(rpo);
        f.advance(Duration.ofMinutes(6));
        assertThat(f.notifier.received).isEmpty();
        f.advance(Duration.ofMinutes(5));
        assertThat(f.notifier.received).hasSize(1);
    }

    @Test
    void retriesRetryableFailuresAndAuditsEveryAttempt() {
        f.notifier.answer(failed(FailureReason.SERVER_ERROR, 503), failed(FailureReason.TIMEOUT, 0));
        f.ingest(rpo);
        f.advance(Duration.ofSeconds(30));
        f.advance(Duration.ofSeconds(10));
        assertThat(f.notifier.attempts).containsExactly(1, 2, 3);
        assertThat(f.notifier.received)
                .extracting(Notification::id)
                .containsOnly(f.notifier.received.get(0).id());
        assertThat(f.audit.events).extracting(AuditData::action).containsOnly(RetryStage.ATTEMPT_ACTION);
        assertThat(f.audit.events).extracting(AuditData::outcome).containsExactly("failure", "failure", "success");
        assertThat(f.audit.events)
                .extracting(e -> e.attributes().get("status_code"))
                .containsExactly("503", "0", "200");
        assertThat(f.audit.events)
                .extracting(e -> e.attributes().get("attempt"))
                .containsExactly("1", "2", "3");
        f.advance(Duration.ofMinutes(5));
        assertThat(f.notifier.received).hasSize(3);
    }

    @Test
    void aClientErrorIsNotRetriedButAuditedAndSettledAndTriedAgainNextInterval() {
        AtomicInteger settled = new AtomicInteger();
        f.notifier.answer(failed(FailureReason.CLIENT_ERROR, 400));
        f.dispatcher.ingest(rpo, new Settlement(settled::incrementAndGet));
        f.advance(Duration.ofSeconds(40));
        assertThat(f.notifier.attempts).containsExactly(1);
        assertThat(f.audit.events)
                .extracting(AuditData::action)
                .containsExactly(RetryStage.ATTEMPT_ACTION, RetryStage.FAILED_ACTION);
        assertThat(settled).hasValue(1);
        f.advance(Duration.ofMinutes(5));
        assertThat(f.notifier.attempts).containsExactly(1, 1);
    }

    @Test
    void givesUpAfterMaxAttempts() {
        f.notifier.answer(
                failed(FailureReason.SERVER_ERROR, 500),
                failed(FailureReason.SERVER_ERROR, 500),
                failed(FailureReason.SERVER_ERROR, 500));
        f.ingest(rpo);
        f.advance(Duration.ofMinutes(1));
        assertThat(f.notifier.attempts).containsExactly(1, 2, 3);
        assertThat(f.audit.events).extracting(AuditData::action).last().isEqualTo(RetryStage.FAILED_ACTION);
    }

    @Test
    void goneDisablesTheReceiver() {
        f.notifier.answer(failed(FailureReason.GONE, 410));
        f.ingest(rpo);
        f.advance(Duration.ofSeconds(30));
        assertThat(f.integration.disabled()).isTrue();
        f.advance(Duration.ofMinutes(5));
        assertThat(f.notifier.received).hasSize(1);
        assertThat(f.audit.events).extracting(AuditData::reason).contains("receiver_disabled");
    }

    private static Attempt failed(FailureReason reason, int status) {
        return new Attempt.Failed(reason, status, null, "scripted");
    }
}
