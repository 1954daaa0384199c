package io.zsentinel.executor.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.chain.Snapshot;
import io.zsentinel.events.JobKey;
import io.zsentinel.executor.calendar.CalendarEvent;
import io.zsentinel.executor.config.JobConfig;
import io.zsentinel.executor.preflight.PreflightCheck.Status;
import io.zsentinel.executor.zfs.DatasetInventory;
import io.zsentinel.executor.zfs.ZfsOutput.PoolLine;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The "before" checklist judged from facts: every check's OK and each way it warns or fails. */
class PreflightJudgeTest {
    private static final String DS = "rpool/data/vm-100-disk-0";
    private static final long GIB = 1L << 30;
    private static final Instant NOW = Instant.parse("2026-12-03T10:07:00Z");

    private static JobConfig job(String schedule, double rateMBps, Duration rpo) {
        return new JobConfig(
                new JobKey("lab", "100-0"),
                "pve1",
                "pve2",
                List.of(DS),
                CalendarEvent.parse(schedule),
                rateMBps,
                rpo,
                true);
    }

    private static final JobConfig JOB = job("*/15", 0, Duration.ofMinutes(20));

    private static DatasetInventory disk(long used, Snapshot... snapshots) {
        return new DatasetInventory(DS, true, used, null, List.of(snapshots));
    }

    private static Snapshot snap(String name, String guid, int minute) {
        return Snapshot.of(name, guid, Instant.parse("2026-12-03T10:00:00Z").plusSeconds(60L * minute), null, 0L, null);
    }

    /** A new job: the disk on the source, nothing on the target, 10 GiB free, 100 MB/s measured. */
    private static Facts healthy() {
        return new Facts();
    }

    private static final class Facts {
        JobConfig job = JOB;
        Map<String, String> unreachable = new HashMap<>();
        Set<String> mismatch = Set.of();
        DatasetInventory source = disk(2 * GIB);
        DatasetInventory target = DatasetInventory.absent(DS);
        long free = 10 * GIB;
        /** ZFS's {@code available} of the pool; null: not known, the slop of 1/32 is taken off {@code free}. */
        Long available;

        PreflightFacts.Measured transfer = new PreflightFacts.Measured(100_000_000, Duration.ofSeconds(1));

        PreflightFacts build() {
            Map<String, DatasetInventory> src = new HashMap<>();
            Map<String, DatasetInventory> dst = new HashMap<>();
            if (!unreachable.containsKey("pve1")) {
                src.put(DS, source);
            }
            if (!unreachable.containsKey("pve2")) {
                dst.put(DS, target);
            }
            Map<String, PoolLine> pools = unreachable.containsKey("pve2")
                    ? Map.of()
                    : Map.of("rpool", new PoolLine("rpool", 20 * GIB, 20 * GIB - free, free, 50, "ONLINE"));
            return new PreflightFacts(
                    job,
                    unreachable,
                    mismatch,
                    Map.of("pve1", "SHA256:one", "pve2", "SHA256:two"),
                    src,
                    dst,
                    pools,
                    available == null ? Map.of() : Map.of("rpool", available),
                    unreachable.isEmpty() ? transfer : null,
                    unreachable.isEmpty() ? null : "not measured: " + unreachable.keySet() + " not reached",
                    NOW,
                    ZoneOffset.UTC);
        }

        List<PreflightCheck> judge() {
            return PreflightJudge.judge(build());
        }
    }

    private static PreflightCheck named(List<PreflightCheck> checks, String prefix) {
        return checks.stream()
                .filter(c -> c.name().startsWith(prefix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check " + prefix + " in " + checks));
    }

    @Test
    void aNewJobOnGoodNodesPassesEveryCheck() {
        List<PreflightCheck> checks = healthy().judge();
        assertThat(checks)
                .extracting(PreflightCheck::name)
                .containsExactly(
                        "ssh pve1",
                        "ssh pve2",
                        "disk " + DS,
                        "replica pve2:" + DS,
                        "space pve2:rpool",
                        "transfer pve1 -> pve2",
                        "schedule */15",
                        "rpo target 20m");
        assertThat(checks).allSatisfy(c -> {
            assertThat(c.status()).as(c.name() + ": " + c.measured()).isEqualTo(Status.OK);
            assertThat(c.fix()).isNull();
        });
        assertThat(PreflightJudge.worst(checks)).isEqualTo(Status.OK);
        assertThat(named(checks, "ssh pve1").measured()).contains("SHA256:one");
        // 20 GiB pool: 640 MiB of slop
        assertThat(named(checks, "space").measured())
                .isEqualTo(
                        "9.4 GiB available to datasets (10.0 GiB free in the pool), 2.6 GiB needed (1.3 x 2.0 GiB of full sends)");
        // 2 GiB at 100 MB/s: 21.47 s, shown rounded up
        assertThat(named(checks, "transfer").measured())
                .isEqualTo("100.0 MB/s (95.4 MiB in 1s); first sync of 2.0 GiB: about 22s at this rate");
        assertThat(named(checks, "schedule").measured())
                .isEqualTo(
                        "next: Thu 2026-12-03 10:15, Thu 2026-12-03 10:30, Thu 2026-12-03 10:45, Thu 2026-12-03 11:00, Thu 2026-12-03 11:15");
        assertThat(named(checks, "rpo target").measured()).isEqualTo("the schedule leaves up to 15m between two runs");
    }

    @Test
    void aMissingDiskFails() {
        Facts f = healthy();
        f.source = DatasetInventory.absent(DS);
        List<PreflightCheck> checks = f.judge();
        PreflightCheck disk = named(checks, "disk");
        assertThat(disk.status()).isEqualTo(Status.FAIL);
        assertThat(disk.measured()).isEqualTo("does not exist on pve1");
        assertThat(disk.fix()).contains("zfs list -o name -r rpool");
        assertThat(checks).noneMatch(c -> c.name().startsWith("replica"));
        assertThat(PreflightJudge.worst(checks)).isEqualTo(Status.FAIL);
    }

    @Test
    void anUnrelatedDatasetOfTheSameNameOnTheTargetFailsAndCountsAsAFullSend() {
        Facts f = healthy();
        f.source = disk(2 * GIB, snap("__replicate_100-0_1764756000__", "11", 0));
        f.target = disk(GIB, snap("mine", "99", 1));
        List<PreflightCheck> checks = f.judge();
        PreflightCheck replica = named(checks, "replica");
        assertThat(replica.status()).isEqualTo(Status.FAIL);
        assertThat(replica.measured())
                .contains("no snapshot in common with pve1")
                .contains("cannot receive over it");
        assertThat(replica.fix()).contains("rename it aside").contains("never destroy it unchecked");
        assertThat(named(checks, "space").measured()).contains("2.6 GiB needed");
    }

    @Test
    void anExistingReplicaNeedsNoFullSend() {
        Facts f = healthy();
        f.source = disk(2 * GIB, snap("__replicate_100-0_1764756000__", "11", 0));
        f.target = disk(2 * GIB, snap("__replicate_100-0_1764756000__", "11", 0));
        f.free = 1;
        List<PreflightCheck> checks = f.judge();
        assertThat(named(checks, "replica").status()).isEqualTo(Status.OK);
        assertThat(named(checks, "replica").measured())
                .contains("@__replicate_100-0_1764756000__ in common")
                .contains("incremental");
        assertThat(named(checks, "space").status()).isEqualTo(Status.OK);
        assertThat(named(checks, "space").measured())
                .isEqualTo("0 B available to datasets (1 B free in the pool), nothing to send in full");
        assertThat(named(checks, "transfer").measured()).endsWith("no full send due (the replicas are in place)");
    }

    @Test
    void aTargetPoolWithoutRoomForOnePointThreeTimesTheDiskFails() {
        Facts f = healthy();
        f.free = 3 * GIB; // 3 GiB free, 2.375 GiB usable < 1.3 x 2 GiB
        PreflightCheck space = named(f.judge(), "space");
        assertThat(space.status()).isEqualTo(Status.FAIL);
        assertThat(space.measured())
                .isEqualTo(
                        "2.4 GiB available to datasets (3.0 GiB free in the pool), 2.6 GiB needed (1.3 x 2.0 GiB of full sends)");
        assertThat(space.fix()).startsWith("free 230.4 MiB on pve2:rpool");
        // what ZFS says datasets can write wins over the pool's free figure
        f.free = 10 * GIB;
        f.available = GIB;
        assertThat(named(f.judge(), "space").status()).isEqualTo(Status.FAIL);
        assertThat(named(f.judge(), "space").measured())
                .startsWith("1.0 GiB available to datasets (10.0 GiB free in the pool)");
    }

    @Test
    void aHostKeyThatIsNotThePinnedOneFailsWithItsOwnFix() {
        Facts f = healthy();
        f.unreachable.put("pve2", "host key of pve2 does not match");
        f.mismatch = Set.of("pve2");
        List<PreflightCheck> checks = f.judge();
        PreflightCheck ssh = named(checks, "ssh pve2");
        assertThat(ssh.status()).isEqualTo(Status.FAIL);
        assertThat(ssh.fix()).contains("not the pinned SHA256:two").contains("ssh-keygen -lf");
        assertThat(named(checks, "transfer").status()).isEqualTo(Status.FAIL);
        assertThat(named(checks, "transfer").measured()).contains("not measured");
        assertThat(checks)
                .noneMatch(c -> c.name().startsWith("space") || c.name().startsWith("replica"));
    }

    @Test
    void anUnreachableSourceSaysSoForItsDisks() {
        Facts f = healthy();
        f.unreachable.put("pve1", "connection refused");
        List<PreflightCheck> checks = f.judge();
        assertThat(named(checks, "ssh pve1").fix()).contains("is sshd running on pve1");
        assertThat(named(checks, "disk").measured()).isEqualTo("not checked: pve1 was not reached");
        assertThat(PreflightJudge.worst(checks)).isEqualTo(Status.FAIL);
    }

    @Test
    void aLinkSlowerThanTheRateCapWarnsAndTheEtaUsesBoth() {
        Facts f = healthy();
        f.job = job("*/15", 200, Duration.ofMinutes(20));
        PreflightCheck transfer = named(f.judge(), "transfer");
        assertThat(transfer.status()).isEqualTo(Status.WARN);
        assertThat(transfer.fix()).contains("less than the job's rate cap of 200.0 MB/s");
        f.job = job("*/15", 50, Duration.ofMinutes(20));
        transfer = named(f.judge(), "transfer");
        assertThat(transfer.status()).isEqualTo(Status.OK);
        assertThat(transfer.measured()).endsWith("about 22s at this rate, 43s at the job's cap of 50.0 MB/s");
    }

    @Test
    void aScheduleThatNeverFiresAndAnRpoTargetItCannotMeetWarn() {
        Facts f = healthy();
        f.job = job("2015-10-21", 0, Duration.ofMinutes(20));
        assertThat(named(f.judge(), "schedule").status()).isEqualTo(Status.WARN);
        f.job = job("*/30", 0, Duration.ofMinutes(20));
        PreflightCheck rpo = named(f.judge(), "rpo target");
        assertThat(rpo.status()).isEqualTo(Status.WARN);
        assertThat(rpo.fix()).contains("at least 35m");
        assertThat(PreflightJudge.worst(f.judge())).isEqualTo(Status.WARN);
    }

    @Test
    void theExitCodesAreNagios() {
        assertThat(Status.OK.exitCode()).isZero();
        assertThat(Status.WARN.exitCode()).isEqualTo(1);
        assertThat(Status.FAIL.exitCode()).isEqualTo(2);
    }
}
