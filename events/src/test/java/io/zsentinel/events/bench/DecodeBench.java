package io.zsentinel.events.bench;

import io.zsentinel.events.DecodePaths;
import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.EventType;
import io.zsentinel.events.data.EventData;
import io.zsentinel.events.data.InventoryData;
import io.zsentinel.events.data.JobSucceededData;
import io.zsentinel.events.data.PoolUsageData;
import io.zsentinel.events.data.SendProgressData;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * CPU time per event of {@link EventCodec#decode}'s two paths (the JsonNode tree decoder it had
 * before, and the streaming pass it takes now for valid events) on the collector's mix of
 * executor events: per 20 events, 16 {@code send.progress}, 2 {@code inventory.reported}
 * (3 and 2 snapshots), 1 {@code job.succeeded}, 1 {@code pool.usage}, as
 * {@code collector/.../bench/ThroughputBench} produces them. Not a test. Each path is warmed up,
 * then timed over several rounds on one thread, the paths taking turns; the median round is printed. Run:
 * <pre>
 * ./mvnw -q -o -pl events test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.zsentinel.events.bench.DecodeBench [-Dexec.args="rounds eventsPerRound"]
 * </pre>
 */
public final class DecodeBench {
    private static final String SOURCE = Envelope.source("executor", "ex1");
    private static final String DISK = "rpool/data/vm-disk-0";

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        List<byte[]> events = mix(2_000);
        long bytes = events.stream().mapToLong(e -> e.length).sum();
        System.out.printf(
                "%,d distinct events, %.0f bytes on average; %d rounds of %,d decodes per path%n",
                events.size(), (double) bytes / events.size(), rounds, perRound);
        for (byte[] event : events) {
            if (!Objects.equals(DecodePaths.streaming(event), DecodePaths.tree(event))) {
                throw new IllegalStateException("the paths disagree on " + new String(event));
            }
        }
        List<Rounds.Path<byte[]>> paths = List.of(
                b -> DecodePaths.tree(b).id().length(),
                b -> DecodePaths.streaming(b).id().length(),
                b -> EventCodec.decode(b).id().length());
        List<Rounds.Result> results = Rounds.measure(events, paths, rounds, perRound);
        Rounds.Result tree = results.get(0);
        Rounds.Result streaming = results.get(1);
        Rounds.Result decode = results.get(2);
        System.out.printf(
                "tree decoder (before):     %6.0f ns/event, %5.0f bytes allocated/event%n", tree.ns(), tree.alloc());
        System.out.printf(
                "streaming pass:            %6.0f ns/event, %5.0f bytes allocated/event%n",
                streaming.ns(), streaming.alloc());
        System.out.printf(
                "EventCodec.decode (after): %6.0f ns/event, %5.0f bytes allocated/event%n",
                decode.ns(), decode.alloc());
        System.out.printf(
                "SUMMARY decode %.0f ns/event vs %.0f before: %.2fx faster, %.2fx less garbage%n",
                decode.ns(), tree.ns(), tree.ns() / decode.ns(), tree.alloc() / decode.alloc());
    }

    /** {@code n} encoded events in ThroughputBench's proportions, over n / 20 jobs. */
    public static List<byte[]> mix(int n) {
        Clock clock = Clock.systemUTC();
        long t = clock.instant().getEpochSecond() - 3600;
        int jobs = Math.max(1, n / 20);
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String job = "bench/" + (100 + i % jobs) + "-0";
            int kind = (i / jobs) % 20;
            Envelope e = switch (kind) {
                case 0 ->
                    event(
                            EventType.INVENTORY_REPORTED,
                            job,
                            new InventoryData(
                                    "pve1",
                                    "source",
                                    DISK,
                                    true,
                                    List.of(
                                            snapshot("a", "1", t, 10L),
                                            snapshot("b", "2", t + 60, 20L),
                                            snapshot("c", "3", t + 120, 30L))),
                            clock);
                case 1 ->
                    event(
                            EventType.INVENTORY_REPORTED,
                            job,
                            new InventoryData(
                                    "pve2",
                                    "target",
                                    DISK,
                                    true,
                                    List.of(snapshot("a", "1", t, null), snapshot("b", "2", t + 60, null))),
                            clock);
                case 2 ->
                    event(
                            EventType.JOB_SUCCEEDED,
                            job,
                            new JobSucceededData(
                                    "run-" + (t + 60),
                                    "pve1",
                                    "pve2",
                                    Instant.ofEpochSecond(t + 60),
                                    "b",
                                    List.of(),
                                    1500,
                                    4096),
                            clock);
                case 19 ->
                    event(
                            EventType.POOL_USAGE,
                            "bench/pve" + (i % 10) + "/rpool",
                            new PoolUsageData(
                                    "pve" + (i % 10),
                                    "rpool",
                                    1_000_000_000L,
                                    500_000_000L + i,
                                    500_000_000L - i,
                                    "ONLINE"),
                            clock);
                default ->
                    event(
                            EventType.SEND_PROGRESS,
                            job,
                            new SendProgressData("r" + (i / jobs / 20), "pve1", DISK, 1000L * kind, 1_000_000L, 1000),
                            clock);
            };
            out.add(EventCodec.encode(e));
        }
        return out;
    }

    private static InventoryData.Snapshot snapshot(String name, String guid, long epochSecond, Long used) {
        return new InventoryData.Snapshot(
                name, guid, Instant.ofEpochSecond(epochSecond), null, used, used == null ? null : used * 10);
    }

    private static Envelope event(EventType type, String subject, EventData data, Clock clock) {
        return Envelope.of(type, SOURCE, subject, data, clock);
    }
}
