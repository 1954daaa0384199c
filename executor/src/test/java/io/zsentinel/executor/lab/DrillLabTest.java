package io.zsentinel.executor.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.chain.SnapshotNames;
import io.zsentinel.events.JobKey;
import io.zsentinel.events.data.DrillData;
import io.zsentinel.events.kafka.Topics;
import io.zsentinel.executor.calendar.CalendarEvent;
import io.zsentinel.executor.config.JobConfig;
import io.zsentinel.executor.drill.DrillRun;
import io.zsentinel.executor.node.ZfsNode;
import io.zsentinel.executor.run.ReplicationRun;
import io.zsentinel.executor.run.RunEvents;
import io.zsentinel.executor.run.RunOutcome;
import io.zsentinel.remote.RemoteRunner;
import io.zsentinel.testkit.lab.RequiresLab;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Restore drills on the real lab: a replica made by a real run is cloned read-only, its content
 * found equal to the source's, and the clones go again; a replica that was written to and
 * snapshotted again under the replication snapshot's name fails the drill with the GUIDs as
 * evidence. The replica itself is never changed by a drill.
 */
@RequiresLab
class DrillLabTest {
    private static final AtomicLong NEXT_VMID = new AtomicLong(250 + (System.nanoTime() / 1000) % 40);

    private LabNodes lab;
    private final RecordingPublisher published = new RecordingPublisher();
    private final Clock clock = Clock.systemUTC();
    private final RunEvents events = new RunEvents(published, Topics.defaults(), "lab-test", clock);
    private final RemoteRunner runner = LabNodes.newRunner();
    private String dataset;
    private JobConfig job;
    private ZfsNode pve1;
    private ZfsNode pve2;

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
        removeDrillClones();
        lab.sh(
                "pve1",
                "zfs create " + dataset + " && cd $(zfs get -H -o value mountpoint " + dataset + ")"
                        + " && dd if=/dev/urandom of=a bs=1M count=2 2>/dev/null && mkdir -p etc && echo guest > etc/hostname");
        pve1 = lab.zfsNode("pve1", runner);
        pve2 = lab.zfsNode("pve2", runner);
        assertThat(new ReplicationRun(job, pve1, pve2, events, new AtomicBoolean()).execute(0))
                .isInstanceOf(RunOutcome.Succeeded.class);
    }

    @AfterEach
    void tearDown() {
        runner.close();
        removeDrillClones();
        lab.destroyEverywhere(dataset);
    }

    /** What a drill that could not clean up (or an earlier, killed test run) left. */
    private void removeDrillClones() {
        for (String node : List.of("pve1", "pve2")) {
            lab.sh(
                    node,
                    "for d in $(zfs list -H -o name | grep '^rpool/zsentinel_drill_'); do zfs unmount -f $d;"
                            + " zfs destroy -r $d; done; true");
        }
    }

    private String snapshotsAndGuids(String node) {
        return lab.sh(node, "zfs list -H -t snapshot -o name,guid | grep '^" + dataset + "@' || true");
    }

    private List<String> drillClones(String node) {
        return lab.sh(node, "zfs list -H -o name | grep '^rpool/zsentinel_drill_' || true")
                .lines()
                .filter(l -> !l.isBlank())
                .toList();
    }

    @Test
    void aHealthyReplicaIsRestoredVerifiedAndLeftAsItWas() {
        String before = snapshotsAndGuids("pve2");
        Instant started = clock.instant();
        DrillData d = new DrillRun(job, pve1, pve2, clock).execute(DrillData.MANUAL);
        assertThat(d.completed()).as(d.detail()).isTrue();
        assertThat(d.restoreMillis()).isPositive();
        assertThat(d.rpoSeconds())
                .isBetween(
                        0L,
                        Duration.between(started.minusSeconds(120), clock.instant())
                                .getSeconds());
        assertThat(d.datasets()).singleElement().satisfies(ds -> {
            assertThat(ds.verified()).isTrue();
            assertThat(ds.files()).isEqualTo(2);
            assertThat(ds.replicaDigest()).isEqualTo(ds.sourceDigest()).matches("[0-9a-f]{64}");
            assertThat(ds.snapshot()).startsWith("__replicate_" + job.jobId() + "_");
        });
        assertThat(snapshotsAndGuids("pve2")).as("the replica's snapshots").isEqualTo(before);
        assertThat(drillClones("pve1")).isEmpty();
        assertThat(drillClones("pve2")).isEmpty();
    }

    @Test
    void aReplicaWrittenToAndSnapshottedAgainFailsWithTheGuidsAsEvidence() {
        String snap = newestSnapshot("pve2");
        lab.sh(
                "pve2",
                "zfs destroy " + dataset + "@" + snap + " && echo changed >> $(zfs get -H -o value mountpoint "
                        + dataset + ")/etc/hostname && zfs snapshot " + dataset + "@" + snap);
        DrillData d = new DrillRun(job, pve1, pve2, clock).execute(DrillData.MANUAL);
        assertThat(d.completed()).isFalse();
        assertThat(d.reason()).isEqualTo("CONTENT_DIFFERS");
        assertThat(d.detail())
                .contains(dataset + "@" + snap + " on pve2 is not the one on pve1")
                .contains(lab.sh("pve1", "zfs get -Hp -o value guid " + dataset + "@" + snap))
                .contains(lab.sh("pve2", "zfs get -Hp -o value guid " + dataset + "@" + snap));
        assertThat(drillClones("pve2")).isEmpty();
    }

    @Test
    void aSnapshotPrunedBetweenThePlanAndItsCloneIsPlannedAgainOnTheNewerOne() {
        String planned = newestSnapshot("pve2");
        AtomicBoolean replicated = new AtomicBoolean();
        DrillData d = new DrillRun(job, pve1, pve2, clock)
                .afterPlan(() -> {
                    // the executor's next run, as it can come while the CLI drills: a newer snapshot, the planned one
                    // pruned
                    if (!replicated.getAndSet(true)) {
                        long plannedEpoch = SnapshotNames.epochOf(planned).orElseThrow();
                        // a run's snapshot is named by its second: the next one must not reuse the planned name
                        Awaitility.await()
                                .atMost(Duration.ofSeconds(5))
                                .pollInterval(Duration.ofMillis(50))
                                .until(() -> clock.instant().getEpochSecond() > plannedEpoch);
                        assertThat(new ReplicationRun(job, pve1, pve2, events, new AtomicBoolean()).execute(0))
                                .isInstanceOf(RunOutcome.Succeeded.class);
                    }
                })
                .execute(DrillData.MANUAL);
        assertThat(replicated).isTrue();
        String newer = newestSnapshot("pve2");
        assertThat(newer).isNotEqualTo(planned);
        assertThat(snapshotsAndGuids("pve1")).doesNotContain("@" + planned + "\t");
        assertThat(d.completed()).as(d.detail()).isTrue();
        assertThat(d.datasets()).singleElement().satisfies(ds -> {
            assertThat(ds.snapshot()).isEqualTo(newer);
            assertThat(ds.verified()).isTrue();
        });
        assertThat(drillClones("pve1")).isEmpty();
        assertThat(drillClones("pve2")).isEmpty();
    }

    private String newestSnapshot(String node) {
        return lab.sh(
                node,
                "zfs list -H -t snapshot -o name -s createtxg | grep '^" + dataset + "@' | tail -1 | cut -d@ -f2");
    }
}
