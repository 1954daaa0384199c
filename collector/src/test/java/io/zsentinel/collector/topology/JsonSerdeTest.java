package io.zsentinel.collector.topology;

import static io.zsentinel.collector.fixtures.Events.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.chain.Snapshot;
import io.zsentinel.collector.Thresholds;
import io.zsentinel.collector.finding.Episode;
import io.zsentinel.collector.finding.FindingLifecycle;
import io.zsentinel.collector.heartbeat.ExecutorState;
import io.zsentinel.collector.job.JobEvaluator;
import io.zsentinel.collector.job.JobFacts;
import io.zsentinel.collector.job.JobState;
import io.zsentinel.collector.pool.PoolState;
import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.data.ErrorClass;
import io.zsentinel.events.data.FindingData;
import io.zsentinel.events.data.RunStage;
import io.zsentinel.events.state.JobStatus;
import java.nio.charset.StandardCharsets;
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
            progress("lab/101-0", "r1", "tank/a", 10, clock)
        }) {
            s = JobFacts.apply(s, e, now);
        }
        s = s.withFindings(FindingLifecycle.step(
                        s.findings,
                        JobEvaluator.evaluate(s, Thresholds.defaults(), k -> null, now)
                                .conditions(),
                        now,
                        300_000)
                .active());
        assertThat(s.findings).as("episodes are written once too").isNotEmpty();
        Episode episode = s.findings.values().iterator().next();
        // the same fields, in the same order, as when Episode was a record: stored states read back
        assertThat(EventCodec.mapper().writeValueAsString(episode))
                .isEqualTo("{\"subject\":\"" + episode.subject()
                        + "\",\"last\":" + EventCodec.mapper().writeValueAsString(episode.last()) + ",\"lastSentMs\":"
                        + episode.lastSentMs() + "}");
        String plain = EventCodec.mapper().writeValueAsString(s);
        assertThat(new String(JsonSerde.bytes(s))).isEqualTo(plain);
        assertThat(new String(JsonSerde.bytes(s)))
                .as("from the remembered text")
                .isEqualTo(plain);
        s = JobFacts.apply(s, progress("lab/101-0", "r1", "tank/a", 20, clock), now);
        assertThat(new String(JsonSerde.bytes(s))).isEqualTo(EventCodec.mapper().writeValueAsString(s));
        JobState read = new JsonSerde<>(JobState.class).read(JsonSerde.bytes(s), "test");
        assertThat(EventCodec.mapper().writeValueAsString(read))
                .isEqualTo(EventCodec.mapper().writeValueAsString(s));
        assertThat(read.sourceInventory.get("tank/a").snapshots)
                .extracting(Snapshot::name)
                .containsExactly("a", "b");
    }

    /** The JSON of each store as the mutable states (before the folds returned new ones) wrote it. */
    static final String STORED_JOB = """
            {"job":"lab/101-0","firstSeenMs":1764136795250,"source":"pve1","target":"pve2","rpoTargetSeconds":0,\
            "datasets":[],"sourceInventory":{"tank/a":{"node":"pve1","exists":true,"reportedMs":1764136800250,\
            "snapshots":[{"name":"a","guid":"1","creationMs":100000,"used":10,"referenced":100},{"name":"b",\
            "guid":"2","creationMs":200000}]}},"targetInventory":{"tank/a":{"node":"pve2","exists":true,\
            "reportedMs":1764136800250,"snapshots":[{"name":"a","guid":"1","creationMs":100000}]}},\
            "lastFailureMs":1764136800250,"lastErrorClass":"DEST_MODIFIED","lastError":"modified",\
            "lastStage":"send","failCount":2,"chainLostMs":1764136800250,\
            "chainLostBy":"DEST_MODIFIED at send: modified","transfer":{"runId":"r1","dataset":"tank/a",\
            "startedMs":1764136800250,"bytesDone":10,"estimatedBytes":1000000,"bytesPerSecond":1000,\
            "lastProgressMs":1764136800250},"findings":{"job.failing":{"subject":"lab/101-0",\
            "last":{"fingerprint":"63e0fee494c1a09e","name":"job.failing","status":"firing",\
            "severity":"warning","labels":{"alertname":"job.failing","cluster":"lab","job":"lab/101-0",\
            "node":"pve1","target":"pve2"},"annotations":{"chain":"BROKEN","error_class":"DEST_MODIFIED",\
            "rpo_seconds":"1764136700","rpo_target_seconds":"1200"},\
            "summary":"lab/101-0: 2 failures in a row, last at send: DEST_MODIFIED (modified)",\
            "startsAt":"2025-11-26T06:00:00.250Z","endsAt":null,"value":2.0},"lastSentMs":1764136800250}}}""";

    static final String STORED_POOL = """
            {"pool":"lab/pve2/rpool","size":1000,"allocated":100,"free":900,"health":"ONLINE",\
            "lastSampleMs":1764136800250,"series":{"times":[1764136800250],"free":[900],\
            "sinceMs":1764136800250},"findings":{}}""";
    static final String STORED_EXECUTOR = """
            {"executor":"ex1","cluster":null,"intervalSeconds":30,"lastSeenMs":1764136800250,\
            "assignments":{"lab/101-0":1634427147},"findings":{}}""";

    @Test
    void statesStoredBeforeTheyWereImmutableReadBackAndAreWrittenTheSame() {
        JobState job = new JsonSerde<>(JobState.class).read(STORED_JOB.getBytes(StandardCharsets.UTF_8), "test");
        assertThat(job.transfer.bytesDone).isEqualTo(10);
        assertThat(job.lastErrorClass).isEqualTo(ErrorClass.DEST_MODIFIED);
        assertThat(job.lastStage).isEqualTo(RunStage.SEND);
        assertThat(job.findings).containsOnlyKeys("job.failing");
        assertThat(job.targetInventory.get("tank/a").snapshots)
                .extracting(Snapshot::name)
                .containsExactly("a");
        assertThat(new String(JsonSerde.bytes(job), StandardCharsets.UTF_8)).isEqualTo(STORED_JOB);
        PoolState pool = new JsonSerde<>(PoolState.class).read(STORED_POOL.getBytes(StandardCharsets.UTF_8), "test");
        assertThat(pool.series().free).containsExactly(900);
        assertThat(new String(JsonSerde.bytes(pool), StandardCharsets.UTF_8)).isEqualTo(STORED_POOL);
        ExecutorState executor =
                new JsonSerde<>(ExecutorState.class).read(STORED_EXECUTOR.getBytes(StandardCharsets.UTF_8), "test");
        assertThat(executor.assignments()).containsEntry("lab/101-0", 1634427147);
        assertThat(new String(JsonSerde.bytes(executor), StandardCharsets.UTF_8))
                .isEqualTo(STORED_EXECUTOR);
    }

    @Test
    void statusAndFindingBytesAreTheEventsModulesJson() throws Exception {
        Instant t = Instant.parse("2025-11-26T06:00:00.123Z");
        JobStatus status = new JobStatus(
                "lab/101-0",
                "pve1",
                "pve2",
                "ex1",
                true,
                "*/5",
                t,
                "b",
                t.minusMillis(1500),
                null,
                1500L,
                0,
                null,
                null,
                "SYNCING",
                61L,
                600L,
                "OK",
                1,
                300L,
                new JobStatus.Transfer("r1", t, 10L, 100L, 5L, t.plusNanos(1000)),
                t.plusSeconds(1));
        FindingData finding = new FindingData(
                "0123456789abcdef",
                "rpo.breached",
                FindingData.FIRING,
                "warning",
                Map.of("alertname", "rpo.breached", "job", "lab/101-0", "cluster", "lab"),
                Map.of("rpo_seconds", "700", "chain", "OK"),
                "lab/101-0: effective RPO 11m exceeds target 10m",
                t,
                null,
                700.0);
        for (Object value : new Object[] {status, finding}) {
            assertThat(new String(JsonSerde.bytes(value)))
                    .isEqualTo(EventCodec.mapper().writeValueAsString(value));
        }
        assertThat(new JsonSerde<>(JobStatus.class).read(JsonSerde.bytes(status), "test"))
                .isEqualTo(status);
    }
}
