package io.zsentinel.executor.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.chain.Snapshot;
import io.zsentinel.chain.SnapshotNames;
import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventType;
import io.zsentinel.events.JobKey;
import io.zsentinel.events.data.ErrorClass;
import io.zsentinel.events.data.InventoryData;
import io.zsentinel.events.data.JobFailedData;
import io.zsentinel.events.data.JobSucceededData;
import io.zsentinel.events.data.ResyncData;
import io.zsentinel.events.data.RunStage;
import io.zsentinel.events.data.SendProgressData;
import io.zsentinel.events.data.SendStartedData;
import io.zsentinel.events.data.SnapshotData;
import io.zsentinel.events.data.TransferCompletedData;
import io.zsentinel.events.kafka.Topics;
import io.zsentinel.executor.calendar.CalendarEvent;
import io.zsentinel.executor.config.JobConfig;
import io.zsentinel.executor.config.NodeConfig;
import io.zsentinel.executor.node.RemoteNodeShell;
import io.zsentinel.executor.node.ZfsNode;
import io.zsentinel.executor.run.ReplicationRun;
import io.zsentinel.executor.run.ResyncRun;
import io.zsentinel.executor.run.RunEvents;
import io.zsentinel.executor.run.RunOutcome;
import io.zsentinel.executor.zfs.DatasetInventory;
import io.zsentinel.remote.RemoteRunner;
import io.zsentinel.testkit.lab.RequiresLab;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs on the real lab (real sshd, real zfs-fuse): each test its own dataset
 * {@code rpool/data/subvol-2xx-disk-0}, removed afterwards on both nodes.
 */
@RequiresLab
class ReplicationLabTest {
    private static final AtomicLong NEXT_VMID = new AtomicLong(200 + (System.nanoTime() / 1000) % 50);

    private LabNodes lab;
    private final RecordingPublisher published = new RecordingPublisher();
    /** Each run must get a later epoch second than the last, as real schedules do. */
    private final AtomicLong seconds = new AtomicLong(Instant.now().getEpochSecond());

    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(
                    Math.max(seconds.incrementAndGet(), Instant.now().getEpochSecond()));
        }
    };
    private final RunEvents events = new RunEvents(published, Topics.defaults(), "lab-test", clock);
    private String dataset;
    private JobConfig job;
    private ZfsNode pve1;
    private ZfsNode pve2;
    private final RemoteRunner runner = LabNodes.newRunner();

    @BeforeEach
    void setUp(io.zsentinel.testkit.lab.Lab testkitLab) {
        lab = LabNodes.of(testkitLab);
        long vmid = NEXT_VMID.getAndIncrement();
        dataset = "rpool/data/subvol-" + vmid + "-disk-0";
        job = new JobConfig(
                new JobKey("lab", vmid + "-0"),
                "pve1",
                "pve2",
                List.of(dataset),
                CalendarEvent.parse("*/15"),
                0,
                Duration.ofMinutes(20),
                true);
        lab.destroyEverywhere(dataset);
        lab.sh(
                "pve1",
                "zfs create " + dataset + " && dd if=/dev/urandom of=$(zfs get -H -o value mountpoint " + dataset
                        + ")/a bs=1M count=4 2>/dev/null");
        pve1 = lab.zfsNode("pve1", runner);
        pve2 = lab.zfsNode("pve2", runner);
    }

    @AfterEach
    void tearDown() {
        runner.close();
        lab.destroyEverywhere(dataset);
    }

    private RunOutcome run() {
        return new ReplicationRun(job, pve1, pve2, events, new AtomicBoolean()).execute(0);
    }

    private String mountpoint(String node) {
        return lab.sh(node, "zfs get -H -o value mountpoint " + dataset);
    }

    private String guid(String node, String snap) {
        return lab.sh(node, "zfs get -Hp -o value guid " + dataset + "@" + snap);
    }

    /** zfs-fuse has no .zfs/snapshot: the live source is compared, unchanged since the snapshot. */
    private void assertReplicaMatches(String snap) {
        assertThat(guid("pve2", snap)).isEqualTo(guid("pve1", snap));
        assertThat(lab.contentChecksum("pve2", mountpoint("pve2")))
                .isEqualTo(lab.contentChecksum("pve1", mountpoint("pve1")));
    }

    private List<String> snapshots(String node) {
        return lab.sh(node, "zfs list -H -o name -t snapshot | grep '^" + dataset + "@' | cut -d@ -f2 || true")
                .lines()
                .filter(s -> !s.isBlank())
                .toList();
    }

    @Test
    void fullThenIncrementalReplicationMatchesByGuidAndContent() {
        RunOutcome first = run();
        assertThat(first).isInstanceOf(RunOutcome.Succeeded.class);
        String s1 = ((RunOutcome.Succeeded) first).snapshot();
        assertReplicaMatches(s1);
        assertThat(published.of(EventType.SEND_STARTED))
                .singleElement()
                .satisfies(e -> assertThat(e.data(SendStartedData.class).full()).isTrue());
        JobSucceededData ok1 = published.of(EventType.JOB_SUCCEEDED).get(0).data(JobSucceededData.class);
        assertThat(ok1.snapshot()).isEqualTo(s1);
        assertThat(ok1.bytes()).isGreaterThan(4L << 20);
        assertThat(ok1.syncPoint())
                .isEqualTo(Instant.ofEpochSecond(
                        Long.parseLong(lab.sh("pve2", "zfs get -Hp -o value creation " + dataset + "@" + s1))));
        assertThat(published.of(EventType.INVENTORY_REPORTED)).hasSize(2);

        lab.sh("pve1", "dd if=/dev/urandom of=" + mountpoint("pve1") + "/b bs=1M count=2 2>/dev/null");
        published.clear();
        RunOutcome second = run();
        assertThat(second).isInstanceOf(RunOutcome.Succeeded.class);
        String s2 = ((RunOutcome.Succeeded) second).snapshot();
        assertReplicaMatches(s2);
        SendStartedData inc = published.of(EventType.SEND_STARTED).get(0).data(SendStartedData.class);
        assertThat(inc.from()).isEqualTo(s1);
        assertThat(published
                        .of(EventType.JOB_SUCCEEDED)
                        .get(0)
                        .data(JobSucceededData.class)
                        .bytes())
                .isBetween(2L << 20, 4L << 20);
        // pruned: only the newest replication snapshot stays on both sides
        assertThat(snapshots("pve1")).containsExactly(s2);
        assertThat(snapshots("pve2")).containsExactly(s2);
        assertThat(published.of(EventType.SNAPSHOT_DESTROYED)).hasSize(2);
    }

    @Test
    void rateLimitAndProgressAtMostOncePerSecond() {
        // 4 MiB at 1.5 MB/s: about 2.8 s, so some progress events, at most one per second
        JobConfig limited =
                new JobConfig(job.key(), "pve1", "pve2", job.datasets(), job.schedule(), 1.5, job.rpoTarget(), true);
        long t0 = System.nanoTime();
        RunOutcome outcome = new ReplicationRun(limited, pve1, pve2, events, new AtomicBoolean()).execute(0);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(outcome).isInstanceOf(RunOutcome.Succeeded.class);
        long bytes = ((RunOutcome.Succeeded) outcome).bytes();
        assertThat(bytes / seconds).isLessThan(1.6e6);
        List<io.zsentinel.events.Envelope> progress = published.of(EventType.SEND_PROGRESS);
        assertThat(progress).hasSizeBetween(1, (int) Math.ceil(seconds));
        for (int i = 1; i < progress.size(); i++) {
            assertThat(Duration.between(
                            progress.get(i - 1).time(), progress.get(i).time()))
                    .isPositive();
            var p = progress.get(i).data(io.zsentinel.events.data.SendProgressData.class);
            assertThat(p.bytesDone())
                    .isGreaterThan(progress.get(i - 1)
                            .data(io.zsentinel.events.data.SendProgressData.class)
                            .bytesDone());
            assertThat(p.bytesPerSecond()).isLessThan(2_000_000L);
        }
    }

    @Test
    void deletingTheBaseOnTheSourceIsAChainBreak() {
        String s1 = ((RunOutcome.Succeeded) run()).snapshot();
        lab.sh("pve1", "zfs destroy " + dataset + "@" + s1);
        RunOutcome broken = run();
        assertThat(broken).isInstanceOfSatisfying(RunOutcome.Failed.class, f -> {
            assertThat(f.errorClass()).isEqualTo(ErrorClass.CHAIN_BROKEN);
            assertThat(f.message()).contains("No common base snapshot");
        });
        JobFailedData failed = published.of(EventType.JOB_FAILED).get(0).data(JobFailedData.class);
        assertThat(failed.errorClass()).isEqualTo(ErrorClass.CHAIN_BROKEN);
        assertThat(failed.stage()).isEqualTo(RunStage.PREPARE);
        // the useless new snapshot was taken back
        assertThat(snapshots("pve1")).isEmpty();
    }

    @Test
    void aModifiedTargetIsReportedNotSilentlyRolledBack() {
        assertThat(run()).isInstanceOf(RunOutcome.Succeeded.class);
        lab.sh("pve2", "echo changed-on-the-replica > " + mountpoint("pve2") + "/local-change");
        lab.sh("pve1", "echo more > " + mountpoint("pve1") + "/c");
        RunOutcome outcome = run();
        assertThat(outcome)
                .isInstanceOfSatisfying(
                        RunOutcome.Failed.class, f -> assertThat(f.errorClass()).isEqualTo(ErrorClass.DEST_MODIFIED));
        assertThat(lab.sh("pve2", "cat " + mountpoint("pve2") + "/local-change"))
                .isEqualTo("changed-on-the-replica");
    }

    @Test
    void resyncWithACommonSnapshotRollsBackAndCatchesUp() {
        String s1 = ((RunOutcome.Succeeded) run()).snapshot();
        lab.sh("pve2", "echo changed > " + mountpoint("pve2") + "/local-change");
        lab.sh("pve1", "dd if=/dev/urandom of=" + mountpoint("pve1") + "/b bs=1M count=1 2>/dev/null");
        assertThat(run()).isInstanceOf(RunOutcome.Failed.class);
        published.clear();
        RunOutcome resync = new ResyncRun(job, pve1, pve2, events, new AtomicBoolean(), "cmd-1", "test").execute(1);
        assertThat(resync).isInstanceOf(RunOutcome.Succeeded.class);
        String s2 = ((RunOutcome.Succeeded) resync).snapshot();
        assertReplicaMatches(s2);
        ResyncData started = published.of(EventType.RESYNC_STARTED).get(0).data(ResyncData.class);
        assertThat(started.plan()).isEqualTo(ResyncData.INCREMENTAL);
        assertThat(started.base()).isEqualTo(s1);
        assertThat(published.of(EventType.RESYNC_COMPLETED)).hasSize(1);
        assertThat(published.of(EventType.AUDIT)).hasSizeGreaterThanOrEqualTo(3);
        assertThat(published.of(EventType.SEND_STARTED))
                .singleElement()
                .satisfies(e -> assertThat(e.data(SendStartedData.class).from()).isEqualTo(s1));
        // and the chain works again
        assertThat(run()).isInstanceOf(RunOutcome.Succeeded.class);
    }

    @Test
    void resyncWithoutACommonSnapshotKeepsTheOldReplicaAsAnOrphan() {
        String s1 = ((RunOutcome.Succeeded) run()).snapshot();
        lab.sh("pve1", "zfs destroy " + dataset + "@" + s1 + " && echo new > " + mountpoint("pve1") + "/n");
        assertThat(run())
                .isInstanceOfSatisfying(
                        RunOutcome.Failed.class, f -> assertThat(f.errorClass()).isEqualTo(ErrorClass.CHAIN_BROKEN));
        published.clear();
        // 4 MiB at 1.5 MB/s: about 2.8 s, so the full send reports progress
        JobConfig limited =
                new JobConfig(job.key(), "pve1", "pve2", job.datasets(), job.schedule(), 1.5, job.rpoTarget(), true);
        RunOutcome resync = new ResyncRun(limited, pve1, pve2, events, new AtomicBoolean(), "cmd-2", "test").execute(1);
        assertThat(resync).isInstanceOf(RunOutcome.Succeeded.class);
        String s2 = ((RunOutcome.Succeeded) resync).snapshot();
        assertReplicaMatches(s2);
        ResyncData started = published.of(EventType.RESYNC_STARTED).get(0).data(ResyncData.class);
        assertThat(started.plan()).isEqualTo(ResyncData.FULL);
        // the resync's transfer is reported as a run's is: started (full), progress, completed, all before
        // resync.completed and under the resync's runId
        List<Envelope> transfer = published.all().stream()
                .filter(e -> e.type() == EventType.SEND_STARTED
                        || e.type() == EventType.SEND_PROGRESS
                        || e.type() == EventType.SEND_COMPLETED
                        || e.type() == EventType.RECEIVE_COMPLETED
                        || e.type() == EventType.RESYNC_COMPLETED)
                .toList();
        List<EventType> types = transfer.stream().map(Envelope::type).toList();
        assertThat(types).first().isEqualTo(EventType.SEND_STARTED);
        assertThat(types.subList(1, types.size() - 3)).isNotEmpty().containsOnly(EventType.SEND_PROGRESS);
        assertThat(types.subList(types.size() - 3, types.size()))
                .containsExactly(EventType.SEND_COMPLETED, EventType.RECEIVE_COMPLETED, EventType.RESYNC_COMPLETED);
        SendStartedData send = transfer.get(0).data(SendStartedData.class);
        assertThat(send.full()).isTrue();
        assertThat(send.dataset()).isEqualTo(dataset);
        String runId = published
                .of(EventType.JOB_SUCCEEDED)
                .get(0)
                .data(JobSucceededData.class)
                .runId();
        assertThat(transfer.subList(0, transfer.size() - 1))
                .extracting(ReplicationLabTest::runIdOf)
                .containsOnly(runId);
        assertThat(started.orphans()).singleElement().satisfies(o -> {
            assertThat(o).startsWith(dataset + "_zsentinel_orphan_");
            // the old replica is still there, with its snapshot
            assertThat(lab.sh("pve2", "zfs list -H -o name -t snapshot | grep '^" + o + "@'"))
                    .contains(s1);
        });
        // the new replica's inventory comes before the success that clears the failure
        List<EventType> order = published.all().stream()
                .map(Envelope::type)
                .filter(t -> t == EventType.INVENTORY_REPORTED || t == EventType.JOB_SUCCEEDED)
                .toList();
        assertThat(order)
                .containsExactly(EventType.INVENTORY_REPORTED, EventType.INVENTORY_REPORTED, EventType.JOB_SUCCEEDED);
        InventoryData target = published.of(EventType.INVENTORY_REPORTED).stream()
                .map(e -> e.data(InventoryData.class))
                .filter(d -> d.role().equals(InventoryData.TARGET))
                .findFirst()
                .orElseThrow();
        assertThat(target.snapshots()).extracting(InventoryData.Snapshot::name).containsExactly(s2);
    }

    @Test
    void aStoppedTargetSshdIsUnreachableThenRecovers() {
        assertThat(run()).isInstanceOf(RunOutcome.Succeeded.class);
        try {
            lab.sshdStop("pve2");
            RunOutcome down = run();
            assertThat(down).isInstanceOfSatisfying(RunOutcome.Failed.class, f -> {
                assertThat(f.errorClass()).isEqualTo(ErrorClass.SSH_UNREACHABLE);
                assertThat(f.stage()).isEqualTo(RunStage.CONNECT);
            });
        } finally {
            lab.sshdStart("pve2");
        }
        assertThat(run()).isInstanceOf(RunOutcome.Succeeded.class);
    }

    @Test
    void aChangedHostKeyIsRefused() {
        NodeConfig real = lab.node("pve2");
        NodeConfig forged = new NodeConfig(
                real.name(),
                real.host(),
                real.port(),
                real.user(),
                real.privateKey(),
                "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                null);
        ZfsNode wrongKey = new ZfsNode(new RemoteNodeShell(runner, forged), ZoneOffset.UTC);
        RunOutcome outcome = new ReplicationRun(job, pve1, wrongKey, events, new AtomicBoolean()).execute(0);
        assertThat(outcome).isInstanceOfSatisfying(RunOutcome.Failed.class, f -> {
            assertThat(f.errorClass()).isEqualTo(ErrorClass.HOSTKEY_MISMATCH);
            assertThat(f.stage()).isEqualTo(RunStage.CONNECT);
        });
        assertThat(published
                        .of(EventType.JOB_FAILED)
                        .get(0)
                        .data(JobFailedData.class)
                        .errorClass())
                .isEqualTo(ErrorClass.HOSTKEY_MISMATCH);
    }

    private static String runIdOf(Envelope e) {
        if (e.data() instanceof SendStartedData d) {
            return d.runId();
        }
        if (e.data() instanceof SendProgressData d) {
            return d.runId();
        }
        if (e.data() instanceof TransferCompletedData d) {
            return d.runId();
        }
        return null;
    }

    @Test
    void inventoryReadsTheRealNode() throws Exception {
        lab.sh(
                "pve1",
                "zfs snapshot " + dataset + "@x1 && zfs snapshot " + dataset + "@" + SnapshotNames.forJob("201-0", 5));
        DatasetInventory inv = pve1.inventory(dataset);
        assertThat(inv.exists()).isTrue();
        assertThat(inv.used()).isPositive();
        assertThat(inv.snapshots()).extracting(Snapshot::name).containsExactly("x1", SnapshotNames.forJob("201-0", 5));
        assertThat(pve2.inventory(dataset).exists()).isFalse();
        assertThat(pve1.capabilities().holds()).isTrue();
        assertThat(pve1.capabilities().resumableReceive()).isFalse();
    }

    /** The chain model's AT_RISK: the run stops rather than destroy someone's snapshot, and it keeps the base. */
    @Test
    void aForeignSnapshotOnTheTargetStopsTheRunAndIsKept() {
        String s1 = ((RunOutcome.Succeeded) run()).snapshot();
        lab.sh("pve2", "zfs snapshot " + dataset + "@manual");
        int reportedBefore = published.of(EventType.INVENTORY_REPORTED).size();
        RunOutcome outcome = run();
        assertThat(outcome).isInstanceOfSatisfying(RunOutcome.Failed.class, f -> {
            assertThat(f.errorClass()).isEqualTo(ErrorClass.FOREIGN_SNAPSHOTS);
            assertThat(f.stage()).isEqualTo(RunStage.PREPARE);
            assertThat(f.message()).contains("manual", s1);
        });
        assertThat(snapshots("pve2")).containsExactly(s1, "manual");
        assertThat(snapshots("pve1"))
                .as("the run's new snapshot was taken back, the base kept")
                .containsExactly(s1);
        // the failing run reports what it found, so the chain's verdict need not wait for an inventory round
        List<Envelope> reported = published.of(EventType.INVENTORY_REPORTED);
        assertThat(reported.subList(reportedBefore, reported.size()))
                .extracting(e -> e.data(InventoryData.class))
                .anySatisfy(d -> {
                    assertThat(d.role()).isEqualTo(InventoryData.TARGET);
                    assertThat(d.snapshots())
                            .extracting(InventoryData.Snapshot::name)
                            .contains(s1, "manual");
                })
                .anySatisfy(d -> {
                    assertThat(d.role()).isEqualTo(InventoryData.SOURCE);
                    assertThat(d.snapshots())
                            .extracting(InventoryData.Snapshot::name)
                            .containsExactly(s1);
                });
    }

    /** The chain model's cleanup: a snapshot of this job's on the target that the source lacks goes before the receive. */
    @Test
    void theJobsOwnStaleSnapshotOnTheTargetIsCleanedUpByTheNextRun() {
        String s1 = ((RunOutcome.Succeeded) run()).snapshot();
        String stale = SnapshotNames.forJob(job.jobId(), seconds.incrementAndGet());
        lab.sh("pve2", "zfs snapshot " + dataset + "@" + stale);
        RunOutcome outcome = run();
        assertThat(outcome).isInstanceOf(RunOutcome.Succeeded.class);
        String s2 = ((RunOutcome.Succeeded) outcome).snapshot();
        assertReplicaMatches(s2);
        assertThat(snapshots("pve2")).doesNotContain(stale, s1).containsExactly(s2);
        assertThat(published.of(EventType.SNAPSHOT_DESTROYED))
                .extracting(e -> e.data(SnapshotData.class))
                .anySatisfy(d -> {
                    assertThat(d.node()).isEqualTo("pve2");
                    assertThat(d.snapshot()).isEqualTo(stale);
                });
    }
}
