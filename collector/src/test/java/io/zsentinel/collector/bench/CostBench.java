package io.zsentinel.collector.bench;

import static io.zsentinel.collector.fixtures.Events.*;

import io.zsentinel.collector.Thresholds;
import io.zsentinel.collector.finding.FindingLifecycle;
import io.zsentinel.collector.job.JobEvaluation;
import io.zsentinel.collector.job.JobEvaluator;
import io.zsentinel.collector.job.JobFacts;
import io.zsentinel.collector.job.JobState;
import io.zsentinel.collector.topology.JsonSerde;
import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.EventType;
import io.zsentinel.events.data.FindingData;
import io.zsentinel.events.kafka.EventRecords;
import io.zsentinel.events.state.JobStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Microseconds per step of the collector's per-event and per-evaluation work, on one thread, to
 * see where a record's time goes without Kafka around it. Not a test. Run:
 * <pre>
 * ./mvnw -q -pl collector test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.zsentinel.collector.bench.CostBench
 * </pre>
 */
public final class CostBench {
    private static Object sink;

    public static void main(String[] args) throws Exception {
        Clock clock = Clock.systemUTC();
        long t = clock.instant().getEpochSecond() - 3600;
        String job = "bench/100-0";
        String disk = "rpool/data/vm-disk-0";
        Envelope src = inventory(
                job, "source", disk, "a:1:" + t + ":10,b:2:" + (t + 60) + ":20,c:3:" + (t + 120) + ":30", clock);
        Envelope dst = inventory(job, "target", disk, "a:1:" + t + ",b:2:" + (t + 60), clock);
        Envelope ok = succeeded(job, Instant.ofEpochSecond(t + 60), "b", clock);
        Envelope progress = progress(job, "r0", disk, 3000, clock);
        byte[] progressBytes = EventCodec.encode(progress);
        byte[] inventoryBytes = EventCodec.encode(src);
        long now = clock.millis();
        JobState folded = JobFacts.newJob(job, now);
        for (Envelope e : new Envelope[] {src, dst, ok, progress}) {
            folded = JobFacts.apply(folded, e, now);
        }
        Thresholds th = Thresholds.defaults();
        JobEvaluation ev = JobEvaluator.evaluate(folded, th, k -> null, now);
        FindingLifecycle.Step step = FindingLifecycle.step(folded.findings, ev.conditions(), now, 300_000);
        JobState s = folded.withFindings(step.active());
        JsonSerde<JobState> stateSerde = new JsonSerde<>(JobState.class);
        byte[] stateBytes = stateSerde.serializer().serialize("t", s);
        JsonSerde<JobStatus> statusSerde = new JsonSerde<>(JobStatus.class);
        byte[] statusBytes = statusSerde.serializer().serialize("t", ev.status());
        FindingData finding = step.emissions().get(0).finding();
        if (args.length > 0) {
            System.out.println(new String(stateBytes) + "\n" + new String(statusBytes) + "\n"
                    + new String(EventRecords.toRecord(
                                    "f",
                                    finding.fingerprint(),
                                    Envelope.of(EventType.FINDING, "zsentinel://collector/x", job, finding, clock))
                            .value()));
        }
        System.out.printf(
                "JobState %d bytes, JobStatus %d bytes, progress event %d bytes%n",
                stateBytes.length, statusBytes.length, progressBytes.length);
        for (int round = 0; round < 2; round++) {
            time("decode progress event", () -> decode(progressBytes));
            time("decode inventory event", () -> decode(inventoryBytes));
            time("JobState decode", () -> stateSerde.deserializer().deserialize("t", stateBytes));
            time("JobState encode", () -> stateSerde.serializer().serialize("t", s));
            time("JobStatus decode", () -> statusSerde.deserializer().deserialize("t", statusBytes));
            time("JobStatus encode", () -> statusSerde.serializer().serialize("t", ev.status()));
            time("JobEvaluator.evaluate", () -> JobEvaluator.evaluate(s, th, k -> null, now));
            time(
                    "FindingLifecycle.step",
                    () -> FindingLifecycle.step(s.findings, ev.conditions(), now + 1000, 300_000));
            time(
                    "finding record (envelope+encode)",
                    () -> EventRecords.toRecord(
                            "f",
                            finding.fingerprint(),
                            Envelope.of(EventType.FINDING, "zsentinel://collector/x", job, finding, clock)));
        }
    }

    private static Envelope decode(byte[] bytes) {
        try {
            return EventCodec.decode(bytes);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The best of 7 batches: the machine is shared, the minimum is the cost without interference. */
    private static void time(String what, Supplier<Object> step) {
        int n = 5_000;
        double best = Double.MAX_VALUE;
        for (int batch = 0; batch < 8; batch++) {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink = step.get();
            }
            if (batch > 0) {
                best = Math.min(best, (System.nanoTime() - start) / 1e3 / n);
            }
        }
        System.out.printf("%-36s %8.2f us%n", what, best);
    }
}
