package io.zsentinel.collector.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.collector.report.PeriodReport.Incident;
import io.zsentinel.collector.report.PeriodReport.JobReport;
import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventType;
import io.zsentinel.events.data.ErrorClass;
import io.zsentinel.events.data.EventData;
import io.zsentinel.events.data.FindingData;
import io.zsentinel.events.data.JobFailedData;
import io.zsentinel.events.data.JobSucceededData;
import io.zsentinel.events.data.RunStage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What counts in a period's report, per job. */
class PeriodReportTest {
    private static final Instant T0 = Instant.parse("2026-11-02T00:00:00Z");

    private static Envelope event(EventType type, String job, EventData data, long seconds) {
        return Envelope.of(
                type, "zsentinel://executor/ex1", job, data, Clock.fixed(T0.plusSeconds(seconds), ZoneOffset.UTC));
    }

    private static Envelope failed(String job, long seconds) {
        return event(
                EventType.JOB_FAILED,
                job,
                new JobFailedData("r", "pve1", "pve2", RunStage.SEND, ErrorClass.UNKNOWN, "x", 1),
                seconds);
    }

    private static Envelope finding(String name, String job, long startsAt, long seconds) {
        return event(
                EventType.FINDING,
                job,
                new FindingData(
                        "fp-" + name,
                        name,
                        FindingData.FIRING,
                        "warning",
                        Map.of("alertname", name, "job", job),
                        Map.of(),
                        job + ": " + name,
                        T0.plusSeconds(startsAt),
                        null,
                        null),
                seconds);
    }

    @Test
    void eachJobCountsOnlyWhatHappenedInThePeriodAndTheRpoStartsFromEarlierSyncs() {
        List<Envelope> events = List.of(
                event(
                        EventType.JOB_SUCCEEDED,
                        "lab/101-0",
                        new JobSucceededData("r0", "pve1", "pve2", T0.minusSeconds(30), "s0", List.of(), 1, 1),
                        -20),
                failed("lab/101-0", -10),
                failed("lab/101-0", 5),
                failed("lab/102-0", 6),
                finding("chain.at_risk", "lab/101-0", 7, 7),
                finding("rpo.breached", "lab/101-0", 8, 8),
                finding("chain.broken", "lab/101-0", -5, 9)); // began before the period
        List<JobReport> report = PeriodReport.build(events, T0, T0.plusSeconds(10));
        assertThat(report).extracting(JobReport::job).containsExactly("lab/101-0", "lab/102-0");
        JobReport a = report.get(0);
        assertThat(a.failures()).isEqualTo(1);
        assertThat(a.syncs()).isZero();
        assertThat(a.maxRpoSeconds()).isEqualTo(40); // data as of -30 s, at the end of the period (10 s)
        assertThat(a.coveredSeconds()).isEqualTo(10);
        assertThat(a.incidents()).containsExactly(new Incident("chain.at_risk", T0.plusSeconds(7), null));
        assertThat(a.rpoTargetSeconds()).as("no heartbeat: unknown").isZero();
        assertThat(a.secondsAboveTarget()).isZero();
        JobReport b = report.get(1);
        assertThat(b.failures()).isEqualTo(1);
        assertThat(b.maxRpoSeconds()).isNull();
    }
}
