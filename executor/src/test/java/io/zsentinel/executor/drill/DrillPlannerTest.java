package io.zsentinel.executor.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.chain.Snapshot;
import io.zsentinel.events.JobKey;
import io.zsentinel.executor.calendar.CalendarEvent;
import io.zsentinel.executor.config.JobConfig;
import io.zsentinel.executor.drill.DrillPlanner.Refused;
import io.zsentinel.executor.drill.DrillPlanner.Restore;
import io.zsentinel.executor.drill.DrillPlanner.Restores;
import io.zsentinel.executor.zfs.DatasetInventory;
import io.zsentinel.executor.zfs.ZfsOutput.PoolLine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a drill restores, and each reason it refuses. */
class DrillPlannerTest {
    private static final String DISK0 = "rpool/data/vm-100-disk-0";
    private static final String DISK1 = "tank/vm-100-disk-1";
    private static final long GIB = 1L << 30;
    private static final JobConfig JOB = new JobConfig(
            new JobKey("lab", "100-0"),
            "pve1",
            "pve2",
            List.of(DISK0, DISK1),
            CalendarEvent.parse("*/15"),
            0,
            Duration.ofMinutes(20),
            true);
    private static final Map<String, PoolLine> ROOMY = Map.of(
            "rpool", new PoolLine("rpool", 32 * GIB, 8 * GIB, 24 * GIB, 25, "ONLINE"),
            "tank", new PoolLine("tank", 32 * GIB, 8 * GIB, 24 * GIB, 25, "ONLINE"));

    private static Snapshot snap(String name, String guid, int minute) {
        return Snapshot.of(name, guid, Instant.parse("2026-12-03T10:00:00Z").plusSeconds(60L * minute), null, 0L, null);
    }

    private static DatasetInventory inv(String ds, Snapshot... snapshots) {
        return new DatasetInventory(ds, true, GIB, null, List.of(snapshots));
    }

    private static final Snapshot OLD = snap("__replicate_100-0_1764756000__", "1", 0);
    private static final Snapshot NEW = snap("__replicate_100-0_1764756900__", "2", 15);
    private static final Snapshot NEWER_ON_SOURCE = snap("__replicate_100-0_1764757800__", "3", 30);

    private static DrillPlanner.Plan plan(
            Map<String, DatasetInventory> source,
            Map<String, DatasetInventory> target,
            Map<String, PoolLine> sourcePools,
            Map<String, PoolLine> targetPools) {
        return DrillPlanner.plan(JOB, source, target, sourcePools, targetPools, 1_764_758_000L);
    }

    @Test
    void eachDatasetRestoresItsNewestCommonSnapshotUnderADrillName() {
        var plan = plan(
                Map.of(DISK0, inv(DISK0, OLD, NEW, NEWER_ON_SOURCE), DISK1, inv(DISK1, NEW)),
                Map.of(DISK0, inv(DISK0, OLD, NEW), DISK1, inv(DISK1, NEW)),
                ROOMY,
                ROOMY);
        assertThat(plan).isInstanceOf(Restores.class);
        assertThat(((Restores) plan).restores())
                .containsExactly(
                        new Restore(
                                DISK0,
                                NEW.name(),
                                "2",
                                NEW.creation(),
                                "rpool/zsentinel_drill_1764758000_1",
                                "rpool/zsentinel_drill_1764758000_1"),
                        new Restore(
                                DISK1,
                                NEW.name(),
                                "2",
                                NEW.creation(),
                                "tank/zsentinel_drill_1764758000_2",
                                "tank/zsentinel_drill_1764758000_2"));
    }

    @Test
    void aTargetWithoutASnapshotHasNoReplica() {
        var plan = plan(
                Map.of(DISK0, inv(DISK0, NEW), DISK1, inv(DISK1, NEW)),
                Map.of(DISK0, DatasetInventory.absent(DISK0), DISK1, inv(DISK1, NEW)),
                ROOMY,
                ROOMY);
        assertThat(plan).isEqualTo(new Refused("NO_REPLICA", DISK0 + ": no replica snapshot on pve2"));
    }

    @Test
    void aReplicaWhoseSnapshotsTheSourceNoLongerHasCannotBeVerified() {
        var plan = plan(
                Map.of(DISK0, inv(DISK0, NEWER_ON_SOURCE), DISK1, inv(DISK1, NEW)),
                Map.of(DISK0, inv(DISK0, OLD, NEW), DISK1, inv(DISK1, NEW)),
                ROOMY,
                ROOMY);
        assertThat(plan).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.reason()).isEqualTo("NOT_ON_SOURCE");
            assertThat(r.detail()).startsWith(DISK0 + ": no snapshot of the replica on pve2 is on pve1");
        });
    }

    @Test
    void aReplicaSnapshottedAgainUnderTheSameNameDiffers() {
        Snapshot forged = snap(NEW.name(), "666", 16);
        var plan = plan(
                Map.of(DISK0, inv(DISK0, OLD, NEW), DISK1, inv(DISK1, NEW)),
                Map.of(DISK0, inv(DISK0, OLD, forged), DISK1, inv(DISK1, NEW)),
                ROOMY,
                ROOMY);
        assertThat(plan).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.reason()).isEqualTo("CONTENT_DIFFERS");
            assertThat(r.detail())
                    .isEqualTo(DISK0 + "@" + NEW.name() + " on pve2 is not the one on pve1 (GUID 666, the"
                            + " source's 2): the replica was changed and snapshotted again under the same name");
        });
    }

    @Test
    void whenTheSourceNoLongerHasTheNewestReplicaSnapshotTheNewestCommonOneIsRestored() {
        var plan = plan(
                Map.of(DISK0, inv(DISK0, OLD), DISK1, inv(DISK1, NEW)),
                Map.of(DISK0, inv(DISK0, OLD, NEW), DISK1, inv(DISK1, NEW)),
                ROOMY,
                ROOMY);
        assertThat(((Restores) plan).restores().get(0).snapshot()).isEqualTo(OLD.name());
    }

    @Test
    void aPoolShortOfItsSlopPlus64MiBOnEitherNodeRefuses() {
        long slop = 32 * GIB / 32;
        Map<String, PoolLine> tight = Map.of(
                "rpool",
                new PoolLine("rpool", 32 * GIB, 31 * GIB, slop + DrillPlanner.MIN_FREE_BYTES - 1, 97, "ONLINE"),
                "tank",
                ROOMY.get("tank"));
        Map<String, DatasetInventory> both = Map.of(DISK0, inv(DISK0, NEW), DISK1, inv(DISK1, NEW));
        assertThat(plan(both, both, ROOMY, tight)).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.reason()).isEqualTo("NO_SPACE");
            assertThat(r.detail()).startsWith("pve2:rpool has ");
        });
        assertThat(plan(both, both, tight, ROOMY))
                .isInstanceOfSatisfying(
                        Refused.class, r -> assertThat(r.detail()).startsWith("pve1:rpool has "));
        Map<String, PoolLine> justEnough = Map.of(
                "rpool",
                new PoolLine("rpool", 32 * GIB, 31 * GIB, slop + DrillPlanner.MIN_FREE_BYTES, 97, "ONLINE"),
                "tank",
                ROOMY.get("tank"));
        assertThat(plan(both, both, justEnough, justEnough)).isInstanceOf(Restores.class);
        assertThat(plan(both, both, ROOMY, Map.of("rpool", ROOMY.get("rpool"))))
                .isEqualTo(new Refused("NO_SPACE", "pve2 has no pool tank"));
    }
}
