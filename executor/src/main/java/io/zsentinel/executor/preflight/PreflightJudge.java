package io.zsentinel.executor.preflight;

import io.zsentinel.chain.ChainDiff;
import io.zsentinel.chain.ChainView;
import io.zsentinel.common.config.Durations;
import io.zsentinel.executor.config.JobConfig;
import io.zsentinel.executor.zfs.DatasetInventory;
import io.zsentinel.executor.zfs.ZfsOutput.PoolLine;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The "before" checklist of the Proxmox replication guide, judged from what the nodes said
 * ({@link PreflightFacts}). Pure: the same facts give the same lines.
 *
 * <p>The checks, in order: SSH to each node with its pinned host key; each guest disk exists on
 * the source; on the target, each is absent (a full send creates it) or already a replica (a
 * snapshot in common), never an unrelated dataset of the same name; the target pool has room
 * for 1.3 x what the first full send writes (SPEC.md's resync margin); the measured transfer
 * rate and the first sync's duration at that rate and at the job's rate cap; the schedule and
 * its next five times; an RPO target the schedule can meet.
 */
public final class PreflightJudge {
    /** Room asked on the target for a full send: SPEC.md's 1.3 x the source size. */
    public static final double SPACE_FACTOR = 1.3;

    static final int NEXT_RUNS = 5;
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ROOT);

    private PreflightJudge() {}

    public static List<PreflightCheck> judge(PreflightFacts f) {
        JobConfig job = f.job();
        List<PreflightCheck> checks = new ArrayList<>();
        for (String node : List.of(job.source(), job.target())) {
            checks.add(ssh(node, f));
        }
        Map<String, Long> fullSends = new LinkedHashMap<>();
        for (String ds : job.datasets()) {
            DatasetInventory src = f.source().get(ds);
            checks.add(sourceDataset(job, ds, src));
            DatasetInventory dst = f.target().get(ds);
            PreflightCheck onTarget = targetDataset(job, ds, src, dst);
            if (onTarget != null) {
                checks.add(onTarget);
            }
            if (src != null && src.exists() && dst != null && !replicated(job, src, dst)) {
                fullSends.put(ds, src.used() == null ? 0L : src.used());
            }
        }
        checks.addAll(space(job, fullSends, f));
        checks.add(transfer(job, fullSends, f));
        checks.add(schedule(job, f));
        checks.add(rpoTarget(job));
        return checks;
    }

    /** The worst status: the exit code of the job's preflight. */
    public static PreflightCheck.Status worst(List<PreflightCheck> checks) {
        PreflightCheck.Status worst = PreflightCheck.Status.OK;
        for (PreflightCheck c : checks) {
            worst = worst.worst(c.status());
        }
        return worst;
    }

    private static PreflightCheck ssh(String node, PreflightFacts f) {
        String name = "ssh " + node;
        String why = f.unreachable().get(node);
        String pinned = f.pinnedKeys().getOrDefault(node, "its known_hosts file");
        if (why == null) {
            return PreflightCheck.ok(name, "connected; host key as pinned (" + pinned + ")");
        }
        if (f.hostKeyMismatch().contains(node)) {
            return PreflightCheck.fail(
                    name,
                    why,
                    "the node's host key is not the pinned " + pinned
                            + ": check it on the node (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub) and, if the node was"
                            + " reinstalled, set hostKeyFingerprint in the configuration");
        }
        return PreflightCheck.fail(
                name,
                why,
                "is sshd running on " + node + " and reachable from here, and is the"
                        + " configured privateKey in the user's authorized_keys?");
    }

    private static PreflightCheck sourceDataset(JobConfig job, String ds, DatasetInventory src) {
        String name = "disk " + ds;
        if (src == null) {
            return PreflightCheck.fail(
                    name, "not checked: " + job.source() + " was not reached", "fix ssh " + job.source() + " first");
        }
        if (!src.exists()) {
            return PreflightCheck.fail(
                    name,
                    "does not exist on " + job.source(),
                    "the job's datasets are the guest's disks"
                            + " as ZFS names them: list them with `zfs list -o name -r " + pool(ds) + "` on "
                            + job.source());
        }
        return PreflightCheck.ok(
                name,
                "exists on " + job.source() + ", " + bytes(src.used()) + " used, "
                        + src.snapshots().size() + " snapshot(s)");
    }

    /** Null when there is nothing to say (the source disk is missing or the target not reached: said elsewhere). */
    private static PreflightCheck targetDataset(JobConfig job, String ds, DatasetInventory src, DatasetInventory dst) {
        String name = "replica " + job.target() + ":" + ds;
        if (dst == null || src == null || !src.exists()) {
            return null;
        }
        if (!dst.exists()) {
            return PreflightCheck.ok(name, "not there yet: the first run sends it in full");
        }
        ChainView view = ChainDiff.compare(job.jobId(), src.side(), dst.side(), null);
        if (view.newestCommon().isPresent()) {
            return PreflightCheck.ok(
                    name,
                    "already a replica (snapshot @"
                            + view.newestCommon().get().target().name() + " in common, chain " + view.state()
                            + "): the next run is incremental");
        }
        return PreflightCheck.fail(
                name,
                "exists on " + job.target() + " with no snapshot in common with "
                        + job.source() + " (" + dst.snapshots().size() + " snapshot(s), " + bytes(dst.used())
                        + "): the first run"
                        + " cannot receive over it",
                "find out what it holds; if it is an old copy of this disk, rename it aside" + " (zfs rename " + ds
                        + " " + ds + "_old) so the first run sends in full; never destroy it unchecked");
    }

    private static boolean replicated(JobConfig job, DatasetInventory src, DatasetInventory dst) {
        return dst.exists()
                && !ChainDiff.compare(job.jobId(), src.side(), dst.side(), null)
                        .common()
                        .isEmpty();
    }

    private static List<PreflightCheck> space(JobConfig job, Map<String, Long> fullSends, PreflightFacts f) {
        if (f.target().isEmpty()) {
            return List.of(); // the target was not reached: said by its ssh line
        }
        Map<String, Long> perPool = new LinkedHashMap<>();
        fullSends.forEach((ds, bytes) -> perPool.merge(pool(ds), bytes, Long::sum));
        List<PreflightCheck> checks = new ArrayList<>();
        for (String ds : job.datasets()) {
            perPool.putIfAbsent(pool(ds), 0L);
        }
        perPool.forEach((pool, bytes) -> {
            String name = "space " + job.target() + ":" + pool;
            PoolLine line = f.targetPools().get(pool);
            if (line == null) {
                checks.add(PreflightCheck.fail(
                        name,
                        "no pool " + pool + " on " + job.target(),
                        "create the pool on " + job.target() + ", or replicate into one it has"));
                return;
            }
            long needed = (long) Math.ceil(bytes * SPACE_FACTOR);
            // datasets cannot write into the pool's slop, whatever zpool list says is free: ZFS's own
            // `available` says what they can; without it, OpenZFS's slop of 1/32 is taken off
            Long available = f.targetAvailable().get(pool);
            long usable = available != null ? available : Math.max(0, line.free() - ChainDiff.slop(line.size()));
            String measured = bytes(usable) + " available to datasets (" + bytes(line.free()) + " free in the pool), "
                    + (bytes == 0
                            ? "nothing to send in full"
                            : bytes(needed) + " needed (" + SPACE_FACTOR + " x " + bytes(bytes) + " of full sends)");
            checks.add(
                    usable >= needed
                            ? PreflightCheck.ok(name, measured)
                            : PreflightCheck.fail(
                                    name,
                                    measured,
                                    "free " + bytes(needed - usable) + " on " + job.target() + ":" + pool
                                            + " or replicate to a larger pool: a full send into a full pool fails half-way"));
        });
        return checks;
    }

    private static PreflightCheck transfer(JobConfig job, Map<String, Long> fullSends, PreflightFacts f) {
        String name = "transfer " + job.source() + " -> " + job.target();
        if (f.transfer() == null) {
            return PreflightCheck.fail(
                    name,
                    f.transferFailure() == null ? "not measured" : f.transferFailure(),
                    "the nodes must be reachable and the source pool writable for a scratch dataset");
        }
        double rate = f.transfer().bytesPerSecond();
        long total = fullSends.values().stream().mapToLong(Long::longValue).sum();
        long cap = job.rateBytesPerSecond();
        double effective = cap > 0 ? Math.min(rate, cap) : rate;
        StringBuilder measured = new StringBuilder(String.format(
                Locale.ROOT,
                "%.1f MB/s (%s in %s)",
                rate / 1e6,
                bytes(f.transfer().bytes()),
                Durations.format(f.transfer().took().truncatedTo(ChronoUnit.MILLIS))));
        if (total > 0) {
            measured.append("; first sync of ")
                    .append(bytes(total))
                    .append(": about ")
                    .append(eta(total, rate))
                    .append(" at this rate");
            if (cap > 0) {
                measured.append(String.format(
                        Locale.ROOT, ", %s at the job's cap of %.1f MB/s", eta(total, effective), cap / 1e6));
            }
        } else {
            measured.append("; no full send due (the replicas are in place)");
        }
        if (cap > 0 && rate < cap) {
            return PreflightCheck.warn(
                    name,
                    measured.toString(),
                    String.format(
                            Locale.ROOT,
                            "the link moves %.1f MB/s, less than the job's rate cap of %.1f MB/s: the cap does not limit it",
                            rate / 1e6,
                            cap / 1e6));
        }
        return PreflightCheck.ok(name, measured.toString());
    }

    private static PreflightCheck schedule(JobConfig job, PreflightFacts f) {
        String name = "schedule " + job.schedule().text();
        List<String> next = new ArrayList<>();
        Instant cursor = f.now();
        for (int i = 0; i < NEXT_RUNS; i++) {
            Optional<Instant> n = job.schedule().next(cursor, f.zone());
            if (n.isEmpty()) {
                break;
            }
            next.add(SHOWN.format(
                    ZonedDateTime.ofInstant(n.get(), job.schedule().utc() ? java.time.ZoneOffset.UTC : f.zone())));
            cursor = n.get();
        }
        if (next.isEmpty()) {
            return PreflightCheck.warn(name, "never fires again", "give the job a schedule that repeats, e.g. */15");
        }
        return PreflightCheck.ok(
                name, "next: " + String.join(", ", next) + (next.size() < NEXT_RUNS ? ", then never" : ""));
    }

    private static PreflightCheck rpoTarget(JobConfig job) {
        Duration interval = job.schedule().typicalInterval();
        String name = "rpo target " + Durations.format(job.rpoTarget());
        String measured = "the schedule leaves up to " + Durations.format(interval) + " between two runs";
        if (job.rpoTarget().compareTo(interval) < 0) {
            return PreflightCheck.warn(
                    name,
                    measured,
                    "the RPO target cannot be met between two runs: run more often or" + " set rpoTarget to at least "
                            + Durations.format(interval.plusMinutes(5)));
        }
        return PreflightCheck.ok(name, measured);
    }

    private static String eta(long bytes, double perSecond) {
        return Durations.format(Duration.ofSeconds(Math.max(1, (long) Math.ceil(bytes / Math.max(1.0, perSecond)))));
    }

    private static String pool(String dataset) {
        int slash = dataset.indexOf('/');
        return slash < 0 ? dataset : dataset.substring(0, slash);
    }

    static String bytes(Long bytes) {
        if (bytes == null) {
            return "? bytes";
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
