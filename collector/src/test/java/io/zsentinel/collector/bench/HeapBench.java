package io.zsentinel.collector.bench;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.zsentinel.chain.Snapshot;
import io.zsentinel.collector.CollectorConfig;
import io.zsentinel.collector.Thresholds;
import io.zsentinel.collector.finding.FindingLifecycle;
import io.zsentinel.collector.job.Inventory;
import io.zsentinel.collector.job.JobEvaluation;
import io.zsentinel.collector.job.JobEvaluator;
import io.zsentinel.collector.job.JobFacts;
import io.zsentinel.collector.job.JobState;
import io.zsentinel.collector.metrics.CollectorMetrics;
import io.zsentinel.collector.topology.JsonSerde;
import io.zsentinel.events.state.JobStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;

/**
 * Heap for 100k tracked jobs. The collector keeps job state in RocksDB (off-heap); what it
 * holds on the heap per job is the wall-clock agenda entry, the Micrometer gauges and the JSON of
 * the last published status, plus the decoded states and statuses of the most recently used
 * {@code collector.cacheEntries} jobs (and of those changed since the last commit).
 * Not a test. Run:
 * <pre>
 * ./mvnw -q -pl collector test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.zsentinel.collector.bench.HeapBench
 * </pre>
 */
public final class HeapBench {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        long now = System.currentTimeMillis();
        long base = used();
        List<JobState> states = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            states.add(job(i, now));
        }
        long withStates = used();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CollectorMetrics metrics = new CollectorMetrics(registry, Clock.systemUTC());
        java.util.Map<String, Long> agenda = new java.util.HashMap<>();
        java.util.TreeMap<Long, java.util.Set<String>> byTime = new java.util.TreeMap<>();
        List<JobStatus> statuses = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            JobState s = states.get(i);
            JobEvaluation ev = JobEvaluator.evaluate(s, Thresholds.defaults(), k -> null, now);
            s = s.withFindings(FindingLifecycle.step(s.findings, ev.conditions(), now, 300_000)
                    .active());
            states.set(i, s);
            metrics.job(ev.status());
            agenda.put("j:" + s.job, ev.nextCheckMs());
            byTime.computeIfAbsent(ev.nextCheckMs(), k -> new java.util.LinkedHashSet<>())
                    .add("j:" + s.job);
            statuses.add(ev.status());
        }
        long withMetrics = used();
        // the last published statuses: an in-memory store of their JSON (Kafka Streams keeps it in a
        // sorted map of Bytes -> byte[])
        java.util.TreeMap<Bytes, byte[]> lastPublished = new java.util.TreeMap<>();
        for (JobStatus status : statuses) {
            lastPublished.put(Bytes.wrap(status.job().getBytes(StandardCharsets.UTF_8)), JsonSerde.bytes(status));
        }
        long withPublished = used();
        statuses.clear();
        long withoutStatusObjects = used();
        int cacheEntries = CollectorConfig.defaults().cacheEntries();
        double perState = (double) (withStates - base) / n;
        double perStatusObject = (double) (withPublished - withoutStatusObjects) / n;
        double caches = Math.min(cacheEntries, n) * (perState + perStatusObject);
        System.out.printf("jobs: %d (2 datasets x 3 snapshots on each side, findings evaluated)%n", n);
        System.out.printf(
                "job states as heap objects (all of them; RocksDB keeps them off-heap): %6.1f MiB%n",
                (withStates - base) / 1048576.0);
        System.out.printf(
                "running collector, per job: agenda + per-job gauges:                   %6.1f MiB%n",
                (withMetrics - withStates) / 1048576.0);
        System.out.printf(
                "running collector, per job: last published statuses (in-memory store): %6.1f MiB%n",
                (withoutStatusObjects - withMetrics) / 1048576.0);
        System.out.printf(
                "running collector, decoded caches (cacheEntries %d states + statuses): %6.1f MiB%n",
                cacheEntries, caches / 1048576.0);
        System.out.printf(
                "running collector, total:                                              %6.1f MiB%n",
                (withoutStatusObjects - withStates + caches) / 1048576.0);
        System.out.printf(
                "(scrape of %d series: %d KiB)%n",
                metrics.trackedJobs() * 5, registry.scrape().length() / 1024);
        if (states.size() + agenda.size() + byTime.size() + lastPublished.size() == 0) {
            System.out.println();
        }
    }

    static JobState job(int i, long now) {
        String key = "fleet" + (i % 50) + "/" + (100 + i) + "-0";
        JobState.Builder s = JobFacts.newJob(key, now - 86_400_000).toBuilder();
        s.executor = "ex" + (i % 20);
        s.source = "pve" + (i % 16);
        s.target = "pve" + ((i + 1) % 16);
        s.schedule = "*/15";
        s.enabled = true;
        s.rpoTargetSeconds = 1200;
        s.nextRunMs = now + 600_000;
        s.datasets = new ArrayList<>();
        s.sourceInventory = new java.util.TreeMap<>();
        s.targetInventory = new java.util.TreeMap<>();
        long t = now / 1000 - 600;
        for (int d = 0; d < 2; d++) {
            String ds = "rpool/data/vm-" + (100 + i) + "-disk-" + d;
            s.datasets.add(ds);
            List<Snapshot> snaps = List.of(
                    new Snapshot(
                            "__replicate_" + (100 + i) + "-0_" + (t - 1800) + "__",
                            Long.toString(1_000_000_000_000_000L + i * 10L + d),
                            (t - 1800) * 1000,
                            null,
                            4096L,
                            1L << 30),
                    new Snapshot(
                            "__replicate_" + (100 + i) + "-0_" + (t - 900) + "__",
                            Long.toString(2_000_000_000_000_000L + i * 10L + d),
                            (t - 900) * 1000,
                            null,
                            8192L,
                            1L << 30),
                    new Snapshot(
                            "__replicate_" + (100 + i) + "-0_" + t + "__",
                            Long.toString(3_000_000_000_000_000L + i * 10L + d),
                            t * 1000,
                            null,
                            16384L,
                            1L << 30));
            s.sourceInventory.put(ds, new Inventory(s.source, true, now, snaps));
            s.targetInventory.put(ds, new Inventory(s.target, true, now, snaps));
        }
        s.lastSuccessMs = t * 1000;
        s.syncPointMs = t * 1000;
        s.syncSnapshot = "__replicate_" + (100 + i) + "-0_" + t + "__";
        return s.build();
    }

    static long used() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
