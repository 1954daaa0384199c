package io.zsentinel.executor.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.events.EventType;
import io.zsentinel.events.JobKey;
import io.zsentinel.events.data.ErrorClass;
import io.zsentinel.events.data.ResyncData;
import io.zsentinel.events.data.RunStage;
import io.zsentinel.events.kafka.Topics;
import io.zsentinel.executor.calendar.CalendarEvent;
import io.zsentinel.executor.config.JobConfig;
import io.zsentinel.executor.node.ZfsNode;
import io.zsentinel.executor.run.ReplicationRun;
import io.zsentinel.executor.run.ResyncRun;
import io.zsentinel.executor.run.RunEvents;
import io.zsentinel.executor.run.RunOutcome;
import io.zsentinel.remote.RemoteRunner;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A pool {@code small} on both nodes: 256 MiB on pve1, 64 MiB on pve2 (zfs-fuse's minimum);
 * 100 MiB of data cannot land on pve2. Pools and images are removed afterwards.
 */
@io.zsentinel.testkit.lab.RequiresLab
class NoSpaceLabTest {
    private static final String POOL = "zssmall";
    private static final String DS = POOL + "/subvol-290-disk-0";

    private LabNodes lab;

    @org.junit.jupiter.api.BeforeEach
    void setUp(io.zsentinel.testkit.lab.Lab testkitLab) {
        lab = LabNodes.of(testkitLab);
    }

    private void createPool(String node, int mb) {
        lab.sh(
                node,
                "zpool destroy " + POOL + " 2>/dev/null; rm -f /var/tmp/" + POOL + "-" + node + ".img; truncate -s "
                        + mb + "M /var/tmp/" + POOL + "-" + node + ".img && zpool create -m /" + node + "-" + POOL + " "
                        + POOL
                        + " /var/tmp/" + POOL + "-" + node + ".img");
    }

    private void destroyPool(String node) {
        lab.shRaw(node, "zpool destroy -f " + POOL + "; rm -f /var/tmp/" + POOL + "-" + node + ".img");
    }

    @Test
    void aFullTargetPoolIsNoSpaceAndAResyncIsRefused() {
        RemoteRunner runner = LabNodes.newRunner();
        ZfsNode pve1 = lab.zfsNode("pve1", runner);
        ZfsNode pve2 = lab.zfsNode("pve2", runner);
        try {
            createPool("pve1", 256);
            createPool("pve2", 64);
            lab.sh(
                    "pve1",
                    "zfs create " + DS + " && dd if=/dev/urandom of=/pve1-" + POOL + "/subvol-290-disk-0/big"
                            + " bs=1M count=100 2>/dev/null");
            JobConfig job = new JobConfig(
                    new JobKey("lab", "290-0"),
                    "pve1",
                    "pve2",
                    List.of(DS),
                    CalendarEvent.parse("*/15"),
                    0,
                    Duration.ofMinutes(20),
                    true);
            RecordingPublisher published = new RecordingPublisher();
            RunEvents events = new RunEvents(published, Topics.defaults(), "lab-test", Clock.systemUTC());

            RunOutcome outcome = new ReplicationRun(job, pve1, pve2, events, new AtomicBoolean()).execute(0);
            assertThat(outcome).isInstanceOfSatisfying(RunOutcome.Failed.class, f -> {
                assertThat(f.errorClass()).isEqualTo(ErrorClass.NO_SPACE);
                assertThat(f.stage()).isEqualTo(RunStage.SEND);
            });

            // a resync that needs a full copy checks 1.3 x the size first, and refuses
            lab.shRaw("pve2", "zfs destroy -r " + DS);
            RunOutcome resync =
                    new ResyncRun(job, pve1, pve2, events, new AtomicBoolean(), "cmd-ns", "test").execute(1);
            assertThat(resync).isInstanceOf(RunOutcome.Failed.class);
            assertThat(published.of(EventType.RESYNC_REFUSED))
                    .singleElement()
                    .satisfies(
                            e -> assertThat(e.data(ResyncData.class).reason()).isEqualTo("NO_SPACE"));
            assertThat(published.of(EventType.RESYNC_STARTED)).isEmpty();
        } finally {
            runner.close();
            destroyPool("pve1");
            destroyPool("pve2");
        }
    }
}
