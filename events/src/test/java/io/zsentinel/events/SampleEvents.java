package io.zsentinel.events;

import io.zsentinel.events.data.AuditData;
import io.zsentinel.events.data.CommandData;
import io.zsentinel.events.data.DrillData;
import io.zsentinel.events.data.ErrorClass;
import io.zsentinel.events.data.EventData;
import io.zsentinel.events.data.FindingData;
import io.zsentinel.events.data.HeartbeatData;
import io.zsentinel.events.data.InventoryData;
import io.zsentinel.events.data.JobFailedData;
import io.zsentinel.events.data.JobSucceededData;
import io.zsentinel.events.data.PoolUsageData;
import io.zsentinel.events.data.ResyncData;
import io.zsentinel.events.data.RunStage;
import io.zsentinel.events.data.SendProgressData;
import io.zsentinel.events.data.SendStartedData;
import io.zsentinel.events.data.SnapshotData;
import io.zsentinel.events.data.TransferCompletedData;
import io.zsentinel.events.state.JobStatus;
import io.zsentinel.events.state.PoolStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One realistic, deterministic event per {@link EventType} (fixed ids and times), about job
 * {@code lab/101-0} replicating {@code rpool/data/subvol-101-disk-0} from {@code pve1} to
 * {@code pve2}. Shared by the tests of this module and of others; also the source of the
 * examples in {@code events/README.md}.
 */
public final class SampleEvents {
    public static final String CLUSTER = "lab";
    public static final String JOB = "lab/101-0";
    public static final String SOURCE_NODE = "pve1";
    public static final String TARGET_NODE = "pve2";
    public static final String POOL_KEY = "lab/pve2/rpool";
    public static final String EXECUTOR_ID = "exec-1";
    public static final String DATASET = "rpool/data/subvol-101-disk-0";
    /** The snapshot of the run at 2025-11-26T07:00:00Z, as pvesr names it. */
    public static final String SNAPSHOT = DATASET + "@__replicate_101-0_1764140400__";
    /** The previous run's snapshot, 15 minutes earlier (06:45Z). */
    public static final String PREVIOUS_SNAPSHOT = DATASET + "@__replicate_101-0_1764139500__";

    public static final String RUN_ID = "run-101-0-1764140400";
    /** The secret {@link #of(EventType)} signs the sample commands with. */
    public static final byte[] COMMAND_SECRET = "sample-command-secret-0123456789".getBytes(StandardCharsets.US_ASCII);

    static final String EXECUTOR = Envelope.source("executor", EXECUTOR_ID);
    static final String COLLECTOR = Envelope.source("collector", "collector-1");
    static final String ALERTING = Envelope.source("alerting", "alerting-1");

    private static final Instant CREATION = Instant.parse("2025-11-26T07:00:00Z");
    private static final Instant PREVIOUS_CREATION = Instant.parse("2025-11-26T06:45:00Z");
    private static final String SOURCE_GUID = "12754190634180733113";
    private static final String TARGET_GUID = "12754190634180733113";
    private static final String ORPHAN = DATASET + "_zsentinel_orphan_1764141300";

    private SampleEvents() {}

    /** One sample per type, in {@link EventType} order. */
    public static List<Envelope> all() {
        return Arrays.stream(EventType.values()).map(SampleEvents::of).toList();
    }

    /** The sample of {@code type}; equal on every call. */
    public static Envelope of(EventType type) {
        return switch (type) {
            case SNAPSHOT_CREATED ->
                event(
                        type,
                        EXECUTOR,
                        "2025-11-26T07:00:01.204Z",
                        JOB,
                        new SnapshotData(SOURCE_NODE, DATASET, SNAPSHOT, SOURCE_GUID, CREATION));
            case SNAPSHOT_DESTROYED ->
                event(
                        type,
                        EXECUTOR,
                        "2025-11-26T07:00:43.017Z",
                        JOB,
                        new SnapshotData(
                                SOURCE_NODE, DATASET, PREVIOUS_SNAPSHOT, "9160441921735264512", PREVIOUS_CREATION));
            case SEND_STARTED ->
                event(
                        type,
                        EXECUTOR,
                        "2025-11-26T07:00:02.511Z",
                        JOB,
                        new SendStartedData(
                                RUN_ID, SOURCE_NODE, TARGET_NODE, DATASET, PREVIOUS_SNAPSHOT, SNAPSHOT, 734_003_200L));
            case SEND_PROGRESS ->
                event(
                        type,
                        EXECUTOR,
                        "2025-11-26T07:00:22.513Z",
                        JOB,
                        new SendProgressData(RUN_ID, SOURCE_NODE, DATASET, 402_653_184L, 734_003_200L, 20_132_659L));
            case SEND_COMPLETED ->
                event(
                        type,
                        EXECUTOR,
                        "2025-11-26T07:00:40.902Z",
                        JOB,
                        new TransferCompletedData(
                                RUN_ID, SOURCE_NODE, DATASET, SNAPSHOT, 729_808_896L, 38_391L, SOURCE_GUID));
            case RECEIVE_COMPLETED ->
                event(
                        type,
                        EXECUTOR,
                        "2025-11-26T07:00:41.377Z",
                        JOB,
                        new TransferCompletedData(
                                RUN_ID, TARGET_NODE, DATASET, SNAPSHOT, 729_808_896L, 38_866L, TARGET_GUID));
            case JOB_SUCCEEDED ->
                event(
                        type,
                        EXECUTOR,
                        "2025-11-26T07:00:42.120Z",
                        JOB,
                        new JobSucceededData(
                                RUN_ID,
                                SOURCE_NODE,
                                TARGET_NODE,
                                CREATION,
                                SNAPSHOT,
                                List.of(DATASET),
                                40_916L,
                                729_808_896L));
            case JOB_FAILED ->
                event(
                        type,
                        EXECUTOR,
                        "2025-11-26T07:15:04.688Z",
                        JOB,
                        new JobFailedData(
                                "run-101-0-1764141300",
                                SOURCE_NODE,
                                TARGET_NODE,
                                RunStage.RECEIVE,
                                ErrorClass.CHAIN_BROKEN,
                                "cannot receive incremental stream: most recent snapshot of " + DATASET
                                        + " does not\nmatch incremental source",
                                1));
            case INVENTORY_REPORTED ->
                event(
                        type,
                        EXECUTOR,
                        "2025-11-26T07:01:00.042Z",
                        JOB,
                        new InventoryData(
                                TARGET_NODE,
                                InventoryData.TARGET,
                                DATASET,
                                true,
                                List.of(
                                        new InventoryData.Snapshot(
                                                DATASET + "@before-upgrade",
                                                "4417052283914035811",
                                                Instant.parse("2025-11-20T18:02:11Z"),
                                                1_187_310L,
                                                52_428_800L,
                                                2_097_152_000L),
                                        new InventoryData.Snapshot(
                                                SNAPSHOT, TARGET_GUID, CREATION, 1_204_995L, 0L, 2_151_677_952L))));
            case POOL_USAGE ->
                event(
                        type,
                        EXECUTOR,
                        "2025-11-26T07:01:00.310Z",
                        POOL_KEY,
                        new PoolUsageData(
                                TARGET_NODE, "rpool", 107_374_182_400L, 66_571_993_088L, 40_802_189_312L, "ONLINE"));
            case EXECUTOR_HEARTBEAT ->
                event(
                        type,
                        EXECUTOR,
                        "2025-11-26T07:01:15Z",
                        EXECUTOR_ID,
                        new HeartbeatData(
                                EXECUTOR_ID,
                                30,
                                List.of(
                                        new HeartbeatData.JobInfo(
                                                JOB,
                                                SOURCE_NODE,
                                                TARGET_NODE,
                                                List.of(DATASET),
                                                "*/15",
                                                1_200L,
                                                true,
                                                Instant.parse("2025-11-26T07:15:00Z"),
                                                0,
                                                false,
                                                Instant.parse("2026-01-01T03:00:00Z")),
                                        new HeartbeatData.JobInfo(
                                                "lab/102-0",
                                                SOURCE_NODE,
                                                "pve3",
                                                List.of("rpool/data/vm-102-disk-0", "rpool/data/vm-102-disk-1"),
                                                "*/5",
                                                600L,
                                                false,
                                                null,
                                                2,
                                                false,
                                                null))));
            case RESYNC_STARTED ->
                event(
                        type,
                        EXECUTOR,
                        "2025-11-26T07:15:31.870Z",
                        JOB,
                        new ResyncData(
                                "cmd-7f3c1e2a",
                                SOURCE_NODE,
                                TARGET_NODE,
                                List.of(DATASET),
                                ResyncData.FULL,
                                null,
                                List.of(ORPHAN),
                                "CHAIN_BROKEN"));
            case RESYNC_COMPLETED ->
                event(
                        type,
                        EXECUTOR,
                        "2025-11-26T07:24:09.115Z",
                        JOB,
                        new ResyncData(
                                "cmd-7f3c1e2a",
                                SOURCE_NODE,
                                TARGET_NODE,
                                List.of(DATASET),
                                ResyncData.FULL,
                                null,
                                List.of(ORPHAN),
                                "CHAIN_BROKEN"));
            case RESYNC_REFUSED ->
                event(
                        type,
                        EXECUTOR,
                        "2025-11-26T07:15:31.902Z",
                        JOB,
                        new ResyncData(
                                "cmd-7f3c1e2a",
                                SOURCE_NODE,
                                TARGET_NODE,
                                List.of(DATASET),
                                ResyncData.FULL,
                                null,
                                List.of(),
                                "NO_SPACE"));
            case DRILL_COMPLETED ->
                event(
                        type,
                        EXECUTOR,
                        "2026-01-05T03:00:12.400Z",
                        JOB,
                        new DrillData(
                                "drill-5c2e9a10",
                                DrillData.SCHEDULE,
                                SOURCE_NODE,
                                TARGET_NODE,
                                Instant.parse("2026-01-05T03:00:00Z"),
                                12_400L,
                                600L,
                                List.of(new DrillData.Dataset(
                                        DATASET,
                                        "__replicate_101-0_1767581400__",
                                        "9141392315893725061",
                                        Instant.parse("2026-01-05T02:50:00Z"),
                                        3L,
                                        "5d1f0e5b8a1c2d3e4f5061728394a5b6c7d8e9f00112233445566778899aabbc",
                                        "5d1f0e5b8a1c2d3e4f5061728394a5b6c7d8e9f00112233445566778899aabbc",
                                        true)),
                                null,
                                null));
            case DRILL_FAILED ->
                event(
                        type,
                        EXECUTOR,
                        "2026-01-05T03:00:09.020Z",
                        JOB,
                        new DrillData(
                                "drill-6d3fab21",
                                DrillData.MANUAL,
                                SOURCE_NODE,
                                TARGET_NODE,
                                Instant.parse("2026-01-05T03:00:00Z"),
                                9_020L,
                                600L,
                                List.of(new DrillData.Dataset(
                                        DATASET,
                                        "__replicate_101-0_1767581400__",
                                        "9141392315893725061",
                                        Instant.parse("2026-01-05T02:50:00Z"),
                                        3L,
                                        "5d1f0e5b8a1c2d3e4f5061728394a5b6c7d8e9f00112233445566778899aabbc",
                                        "0a9b8c7d6e5f40312a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7081",
                                        false)),
                                "CONTENT_DIFFERS",
                                DATASET + ": the clone of the replica differs from the source's snapshot"));
            case FINDING -> finding();
            case COMMAND_RUN_NOW ->
                event(
                        type,
                        ALERTING,
                        "2025-11-26T07:16:00Z",
                        JOB,
                        command("cmd-2b9d04c1", CommandData.RUN_NOW, "operator:alice", "manual run after maintenance"));
            case COMMAND_RESYNC ->
                event(
                        type,
                        ALERTING,
                        "2025-11-26T07:15:30Z",
                        JOB,
                        command("cmd-7f3c1e2a", CommandData.RESYNC, "alerting:auto-resync", "chain.broken"));
            case AUDIT ->
                event(
                        type,
                        ALERTING,
                        "2025-11-26T07:15:30.004Z",
                        JOB,
                        new AuditData(
                                "command.issued",
                                "alerting:auto-resync",
                                "success",
                                JOB,
                                "chain.broken fired; policy allows auto-resync",
                                Map.of(
                                        "commandId",
                                        "cmd-7f3c1e2a",
                                        "command",
                                        CommandData.RESYNC,
                                        "node",
                                        TARGET_NODE)));
        };
    }

    /** The latest status of job {@link #JOB}, as {@code zsentinel.state} carries it. */
    public static JobStatus jobStatus() {
        return new JobStatus(
                JOB,
                SOURCE_NODE,
                TARGET_NODE,
                EXECUTOR_ID,
                true,
                "*/15",
                CREATION,
                SNAPSHOT,
                Instant.parse("2025-11-26T07:08:20Z"),
                Instant.parse("2025-11-26T07:15:00Z"),
                40_916L,
                0,
                null,
                null,
                "SYNCING",
                512L,
                1_200L,
                "OK",
                0,
                0L,
                new JobStatus.Transfer(
                        "run-101-0-1764140900",
                        Instant.parse("2025-11-26T07:08:20Z"),
                        104_857_600L,
                        209_715_200L,
                        15_728_640L,
                        Instant.parse("2025-11-26T07:08:31Z")),
                Instant.parse("2025-11-26T07:08:32Z"));
    }

    /** The latest status of pool {@link #POOL_KEY}. */
    public static PoolStatus poolStatus() {
        return new PoolStatus(
                POOL_KEY,
                CLUSTER,
                TARGET_NODE,
                "rpool",
                107_374_182_400L,
                66_571_993_088L,
                40_802_189_312L,
                "ONLINE",
                -10_240.5,
                1_900_800L,
                3_473_600L,
                null,
                288,
                Instant.parse("2025-11-26T07:01:00.310Z"));
    }

    /**
     * Prints every sample as {@code events/README.md} shows it (the codec's bytes, indented),
     * for updating the README after a change to a sample or to the codec.
     */
    public static void main(String[] args) throws java.io.IOException {
        com.fasterxml.jackson.databind.ObjectWriter writer = EventCodec.mapper().writerWithDefaultPrettyPrinter();
        for (Envelope sample : all()) {
            System.out.printf(
                    "#### `%s`%n```json%n%s%n```%n%n",
                    sample.type().wireName(),
                    writer.writeValueAsString(EventCodec.mapper().readTree(EventCodec.encode(sample))));
        }
        System.out.printf("job status%n```json%n%s%n```%n%n", writer.writeValueAsString(jobStatus()));
        System.out.printf("pool status%n```json%n%s%n```%n", writer.writeValueAsString(poolStatus()));
    }

    private static Envelope finding() {
        Map<String, String> labels = Map.of(
                "alertname",
                "rpo.breached",
                "cluster",
                CLUSTER,
                "job",
                JOB,
                "node",
                SOURCE_NODE,
                "target",
                TARGET_NODE);
        String fingerprint = Fingerprint.of(labels);
        return event(
                EventType.FINDING,
                COLLECTOR,
                "2025-11-26T07:21:00Z",
                fingerprint,
                new FindingData(
                        fingerprint,
                        "rpo.breached",
                        FindingData.FIRING,
                        "critical",
                        labels,
                        Map.of(
                                "description",
                                "effective RPO 21m exceeds the target 20m",
                                "runbook_url",
                                "https://docs.zsentinel.io/runbooks/rpo-breached"),
                        "lab/101-0 (pve1 -> pve2): effective RPO 21m > target 20m",
                        Instant.parse("2025-11-26T07:20:00Z"),
                        null,
                        1_260.0));
    }

    private static CommandData command(String id, String action, String issuedBy, String reason) {
        Instant issued = action.equals(CommandData.RESYNC)
                ? Instant.parse("2025-11-26T07:15:30Z")
                : Instant.parse("2025-11-26T07:16:00Z");
        CommandData unsigned =
                new CommandData(id, action, JOB, issuedBy, reason, issued, issued.plusSeconds(600), false, null);
        return new CommandSigner(COMMAND_SECRET).sign(unsigned);
    }

    private static Envelope event(EventType type, String source, String time, String subject, EventData data) {
        String id = UUID.nameUUIDFromBytes(("sample:" + type.wireName()).getBytes(StandardCharsets.UTF_8))
                .toString();
        return new Envelope(id, source, type, Instant.parse(time), subject, data);
    }
}
