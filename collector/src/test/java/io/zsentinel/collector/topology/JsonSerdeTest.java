package io.zsentinel.collector.topology;

import static io.zsentinel.collector.fixtures.Events.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.chain.Snapshot;
import io.zsentinel.collector.Thresholds;
import io.zsentinel.collector.finding.Episode;
import io.zsentinel.collector.finding.FindingLifecycle;
import io.zsentinel.collector.job.JobEvaluator;
import io.zsentinel.collector.job.JobFacts;
import io.zsentinel.collector.job.JobState;
import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.data.FindingData;
import io.zsentinel.events.state.JobStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stores' and state topic's JSON must be exactly what the events module's mapper writes. */
class JsonSerdeTest {
    @Test
    void aJobStateWithItsInventoriesWrittenOnceReadsTheSameAsWrittenPlainly() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2025-11-26T06:00:00.250Z"), ZoneOffset.UTC);
        long now = clock.millis();
        JobState s = JobFacts.newJob("lab/101-0", now);
        for (Envelope e : new Envelope[] {
                inventory("lab/101-0", "source", "tank/a", "a:1:100:10,b:2:200", clock),
                inventory("lab/101-0", "target", "tank/a", "a:1:100", clock),
                succeeded("lab/101-0", Instant.ofEpochSecond(100), "a", clock),
                progress("lab/101-0", "r1", "tank/a", 10, clock)}) {
            JobFacts.apply(s, e, now);
        }
        s.findings = FindingLifecycle.step(s.findings,
                JobEvaluator.evaluate(s, Thresholds.defaults(), k -> null, now).conditions(), now, 300_000).active();
        assertThat(s.findings).as("episodes are written once too").isNotEmpty();
        Episode episode = s.findings.values().iterator().next();
        // the same fields, in the same order, as when Episode was a record: stored states read back
        assertThat(EventCodec.mapper().writeValueAsString(episode)).isEqualTo("{\"subject\":\"" + episode.subject()
                + "\",\"last\":" + EventCodec.mapper().writeValueAsString(episode.last()) + ",\"lastSentMs\":"
                + episode.lastSentMs() + "}");
        String plain = EventCodec.mapper().writeValueAsString(s);
        assertThat(new String(JsonSerde.bytes(s))).isEqualTo(plain);
        assertThat(new String(JsonSerde.bytes(s))).as("from the remembered text").isEqualTo(plain);
        JobFacts.apply(s, progress("lab/101-0", "r1", "tank/a", 20, clock), now);
        assertThat(new String(JsonSerde.bytes(s))).isEqualTo(EventCodec.mapper().writeValueAsString(s));
        JobState read = new JsonSerde<>(JobState.class).read(JsonSerde.bytes(s), "test");
        assertThat(EventCodec.mapper().writeValueAsString(read)).isEqualTo(EventCodec.mapper().writeValueAsString(s));
        assertThat(read.sourceInventory.get("tank/a").snapshots).extracting(Snapshot::name).containsExactly("a", "b");
    }

    @Test
    void statusAndFindingBytesAreTheEventsModulesJson() throws Exception {
        Instant t = Instant.parse("2025-11-26T06:00:00.123Z");
        JobStatus status = new JobStatus("lab/101-0", "pve1", "pve2", "ex1", true, "*/5", t, "b", t.minusMillis(1500),
                null, 1500L, 0, null, null, "SYNCING", 61L, 600L, "OK", 1, 300L,
                new JobStatus.Transfer("r1", t, 10L, 100L, 5L, t.plusNanos(1000)), t.plusSeconds(1));
        FindingData finding = new FindingData("0123456789abcdef", "rpo.breached", FindingData.FIRING, "warning",
                Map.of("alertname", "rpo.breached", "job", "lab/101-0", "cluster", "lab"),
                Map.of("rpo_seconds", "700", "chain", "OK"), "lab/101-0: effective RPO 11m exceeds target 10m", t, null,
                700.0);
        for (Object value : new Object[] {status, finding}) {
            assertThat(new String(JsonSerde.bytes(value))).isEqualTo(EventCodec.mapper().writeValueAsString(value));
        }
        assertThat(new JsonSerde<>(JobStatus.class).read(JsonSerde.bytes(status), "test")).isEqualTo(status);
    }
}
