package io.zsentinel.events.bench;

import io.zsentinel.events.EncodePaths;
import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.EventType;
import io.zsentinel.events.Fingerprint;
import io.zsentinel.events.data.EventData;
import io.zsentinel.events.data.FindingData;
import io.zsentinel.events.data.JobSucceededData;
import io.zsentinel.events.data.SendProgressData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * CPU time and garbage per event of {@link EventCodec#encode}'s two paths (the JsonNode tree
 * encoder it had before, and the streaming pass it takes now) on a collector-like mix: per 20
 * events, 14 {@code zsentinel.finding} (6 labels and 4 to 6 annotations, as
 * {@code JobEvaluator.condition} builds them: rpo.breached with a value, chain.broken with its
 * evidence, job.failing; a third of them resolved), 4 {@code send.progress}, 2 {@code job.succeeded}.
 * Not a test. Each path is warmed up, then timed over several rounds on one thread, the paths
 * taking turns; the median round is printed. Run:
 * <pre>
 * ./mvnw -q -o -pl events test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.zsentinel.events.bench.EncodeBench [-Dexec.args="rounds eventsPerRound"]
 * </pre>
 */
public final class EncodeBench {
    private static final String EXECUTOR = Envelope.source("executor", "ex1");
    private static final String COLLECTOR = Envelope.source("collector", "collector-1");
    private static final String DISK = "rpool/data/vm-101-disk-0";

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        List<Envelope> events = mix(2_000);
        long bytes = 0;
        for (Envelope event : events) {
            byte[] encoded = EventCodec.encode(event);
            if (!Arrays.equals(encoded, EncodePaths.tree(event)) || !Arrays.equals(encoded, EncodePaths.streaming(event))) {
                throw new IllegalStateException("the paths disagree on " + event);
            }
            bytes += encoded.length;
        }
        long findings = events.stream().filter(e -> e.type() == EventType.FINDING).count();
        System.out.printf("%,d distinct events (%d%% findings), %.0f bytes on average; %d rounds of %,d encodes per path%n",
                events.size(), 100 * findings / events.size(), (double) bytes / events.size(), rounds, perRound);
        List<Rounds.Path<Envelope>> paths = List.of(e -> EncodePaths.tree(e).length, e -> EventCodec.encode(e).length);
        List<Rounds.Result> results = Rounds.measure(events, paths, rounds, perRound);
        Rounds.Result tree = results.get(0);
        Rounds.Result encode = results.get(1);
        System.out.printf("tree encoder (before):     %6.0f ns/event, %5.0f bytes allocated/event%n", tree.ns(), tree.alloc());
        System.out.printf("EventCodec.encode (after): %6.0f ns/event, %5.0f bytes allocated/event%n", encode.ns(), encode.alloc());
        System.out.printf("SUMMARY encode %.0f ns/event vs %.0f before: %.2fx faster, %.2fx less garbage%n",
                encode.ns(), tree.ns(), tree.ns() / encode.ns(), tree.alloc() / encode.alloc());
    }

    /** {@code n} events in the proportions above, over n / 20 jobs, with times that carry milliseconds. */
    public static List<Envelope> mix(int n) {
        Instant t0 = Instant.parse("2025-11-26T07:00:00.123Z");
        int jobs = Math.max(1, n / 20);
        List<Envelope> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int vmid = 100 + i % jobs;
            String job = "lab/" + vmid + "-0";
            int kind = (i / jobs) % 20;
            Instant now = t0.plusMillis(1_013L * i);
            Envelope e;
            if (kind < 14) {
                e = finding(job, kind, now);
            } else if (kind < 18) {
                e = event(EventType.SEND_PROGRESS, EXECUTOR, job, now, new SendProgressData("run-" + vmid + "-1764140400",
                        "pve1", "rpool/data/vm-" + vmid + "-disk-0", 1_048_576L * i, 734_003_200L, 20_132_659L));
            } else {
                e = event(EventType.JOB_SUCCEEDED, EXECUTOR, job, now, new JobSucceededData("run-" + vmid + "-1764140400",
                        "pve1", "pve2", now.minusSeconds(42), "rpool/data/vm-" + vmid + "-disk-0@__replicate_" + vmid
                                + "-0_1764140400__", List.of("rpool/data/vm-" + vmid + "-disk-0"), 40_916L, 729_808_896L));
            }
            out.add(e);
        }
        return out;
    }

    /** A finding as JobEvaluator.condition and FindingLifecycle build it. */
    private static Envelope finding(String job, int kind, Instant now) {
        String name = switch (kind % 3) {
            case 0 -> "rpo.breached";
            case 1 -> "chain.broken";
            default -> "job.failing";
        };
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", name);
        labels.put("cluster", "lab");
        labels.put("job", job);
        labels.put("node", "pve1");
        labels.put("target", "pve2");
        labels.put("executor", "exec-1");
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("rpo_seconds", Long.toString(1_260 + kind));
        annotations.put("rpo_target_seconds", "1200");
        annotations.put("error_class", "CHAIN_BROKEN");
        annotations.put("chain", "BROKEN");
        Double value = null;
        String summary;
        switch (name) {
            case "rpo.breached" -> {
                value = 1_260.0 + kind;
                summary = job + ": effective RPO 21m exceeds target 20m (newest snapshot on pve2 is "
                        + "rpool/data/vm-disk-0@__replicate_" + job + "_1764139500__)";
            }
            case "chain.broken" -> {
                annotations.put("evidence", "no common snapshot: newest on pve2 is not on pve1 (guid 9160441921735264512)");
                annotations.put("source_bytes", "34359738368");
                summary = job + ": chain broken, no common snapshot between pve1 and pve2";
            }
            default -> summary = job + ": 3 failures in a row, last at receive: CHAIN_BROKEN (cannot receive "
                    + "incremental stream: most recent snapshot of " + DISK + " does not match)";
        }
        boolean resolved = kind % 3 == 2 && kind > 6;
        FindingData data = new FindingData(Fingerprint.of(labels), name, resolved ? FindingData.RESOLVED : FindingData.FIRING,
                "critical", labels, annotations, summary, now.minusSeconds(600), resolved ? now : null, value);
        return event(EventType.FINDING, COLLECTOR, data.fingerprint(), now, data);
    }

    private static Envelope event(EventType type, String source, String subject, Instant time, EventData data) {
        return new Envelope(UUID.randomUUID().toString(), source, type, time, subject, data);
    }
}
