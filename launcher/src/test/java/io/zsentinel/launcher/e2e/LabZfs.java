package io.zsentinel.launcher.e2e;

import io.zsentinel.remote.CommandResult;
import io.zsentinel.remote.RemoteCommand;
import io.zsentinel.remote.RemoteException;
import io.zsentinel.testkit.lab.Lab;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * ZFS on the lab's nodes (testkit's {@link Lab}), for setting up guests and checking what
 * replication did. Scripts are constants; datasets and snapshots are passed as positional
 * arguments ({@code sh -c SCRIPT sh ARG...}), never spliced into the script.
 */
public final class LabZfs {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final Lab lab;

    /** A snapshot as {@code zfs get -Hp} reports it. */
    public record Snapshot(String name, String guid, Instant creation) {
        /** The part after '@'. */
        public String shortName() {
            return name.substring(name.indexOf('@') + 1);
        }
    }

    public LabZfs(Lab lab) {
        this.lab = lab;
    }

    /** Runs a script on a node; {@code args} are $1, $2, ... */
    public CommandResult script(String node, String script, String... args) {
        List<String> argv = new ArrayList<>(List.of("-c", script, "sh"));
        argv.addAll(List.of(args));
        try {
            return lab.ssh(node).run(RemoteCommand.of("sh", argv), TIMEOUT);
        } catch (RemoteException e) {
            throw new AssertionError("on " + node + ": " + e.getMessage(), e);
        }
    }

    /** Like {@link #script} but fails the test on a non-zero exit; returns stdout, stripped. */
    public String ok(String node, String script, String... args) {
        CommandResult r = script(node, script, args);
        if (!r.ok()) {
            throw new AssertionError(
                    "on " + node + ": `" + script + "` " + List.of(args) + " failed, " + r.describeFailure());
        }
        return r.stdout().strip();
    }

    /**
     * Destroys the dataset and every dataset whose name continues it (its
     * {@code _zsentinel_orphan_*} renames), with their snapshots. zfs-fuse sometimes calls a
     * just-used dataset busy, and a send cut off by the pipeline's close holds its snapshot until
     * the send notices: unmount and try again, for up to 30 s.
     */
    public void destroyAll(String node, String dataset) {
        ok(node, DESTROY_ALL, dataset);
    }

    private static final String DESTROY_ALL = """
            list() { zfs list -H -o name | while read -r d; do case "$d" in "$1"|"$1"_zsentinel_orphan_*) echo "$d";; esac; done; }
            for d in $(list "$1"); do
              n=0
              until zfs destroy -r "$d" 2>/dev/null; do
                n=$((n + 1))
                if [ "$n" -ge 30 ]; then zfs destroy -r -f "$d"; break; fi
                zfs unmount -f "$d" 2>/dev/null; sleep 1
              done
            done
            [ -z "$(list "$1")" ]
            """;

    /**
     * {@link #destroyAll}, and what still cannot be destroyed is renamed to
     * {@code <parent>/zsentinel-stuck-<epoch>-<name>} so that the name is free for the next test.
     * For the one case where zfs-fuse never lets go: a {@code zfs send} whose client was killed
     * mid-stream leaves its snapshots "busy" until the node's daemon restarts (real ZFS does
     * not). {@code lab.sh down} (or a rebuilt node) removes what was put aside.
     *
     * @return the datasets put aside (empty when everything was destroyed)
     */
    public List<String> destroyOrPutAside(String node, String dataset) {
        if (script(node, DESTROY_ALL, dataset).ok()) {
            return List.of();
        }
        String out = ok(node, """
                zfs list -H -o name | while read -r d; do
                  case "$d" in "$1"|"$1"_zsentinel_orphan_*) ;; *) continue;; esac
                  aside="${d%/*}/zsentinel-stuck-$(date +%s)-${d##*/}"
                  zfs rename "$d" "$aside" 2>/dev/null || { zfs unmount -f "$d" 2>/dev/null; zfs rename "$d" "$aside"; } \
                    && echo "$aside"
                done
                """, dataset);
        return out.isEmpty() ? List.of() : out.lines().toList();
    }

    /** Datasets whose names start with {@code prefix}. */
    public List<String> datasets(String node, String prefix) {
        String out = ok(
                node,
                "zfs list -H -o name | while read -r d; do case \"$d\" in \"$1\"*) echo \"$d\";; esac; done",
                prefix);
        return out.isEmpty() ? List.of() : out.lines().toList();
    }

    /** Creates a dataset holding three files of random data (one of {@code mib} MiB). */
    public void createWithData(String node, String dataset, int mib) {
        ok(node, """
                zfs create "$1" && mp=$(zfs get -H -o value mountpoint "$1") && cd "$mp" \
                && dd if=/dev/urandom of=blob.bin bs=1048576 count="$2" 2>/dev/null \
                && mkdir -p etc && echo "guest $1" > etc/hostname \
                && dd if=/dev/urandom of=etc/small.bin bs=4096 count=16 2>/dev/null && sync
                """, dataset, Integer.toString(mib));
    }

    /** The dataset's snapshots, oldest first (empty when the dataset does not exist). */
    public List<Snapshot> snapshots(String node, String dataset) {
        CommandResult r = script(node, """
                zfs list -H -t snapshot -o name -r "$1" | grep -F "$1@" | xargs -r zfs get -Hp -o name,property,value guid,creation
                """, dataset);
        if (!r.ok()) {
            return List.of();
        }
        Map<String, String[]> byName = new HashMap<>();
        for (String line : r.stdout().strip().lines().toList()) {
            String[] f = line.split("\t");
            if (f.length < 3 || !f[0].startsWith(dataset + "@")) {
                continue;
            }
            String[] v = byName.computeIfAbsent(f[0], k -> new String[2]);
            if (f[1].equals("guid")) {
                v[0] = f[2].strip();
            } else if (f[1].equals("creation")) {
                v[1] = f[2].strip();
            }
        }
        List<Snapshot> snaps = new ArrayList<>();
        byName.forEach((name, v) -> {
            if (v[0] != null && v[1] != null) {
                snaps.add(new Snapshot(name, v[0], Instant.ofEpochSecond(Long.parseLong(v[1]))));
            }
        });
        snaps.sort(Comparator.comparing(Snapshot::creation).thenComparing(Snapshot::name));
        return snaps;
    }

    /** The creation time of one snapshot, read as {@code zfs get -Hp -o value creation <snap>}. */
    public Instant creation(String node, String snapshot) {
        return Instant.ofEpochSecond(Long.parseLong(ok(node, "zfs get -Hp -o value creation \"$1\"", snapshot)));
    }

    /** The newest of the job's replication snapshots on a node. */
    public Optional<Snapshot> newestJobSnapshot(String node, String dataset, String jobId) {
        List<Snapshot> snaps = snapshots(node, dataset).stream()
                .filter(s -> s.shortName().startsWith("__replicate_" + jobId + "_"))
                .toList();
        return snaps.isEmpty() ? Optional.empty() : Optional.of(snaps.get(snaps.size() - 1));
    }

    /** {@code zfs snapshot <dataset>@<name>}, as a user (or a stray run) would take it. */
    public void snapshot(String node, String snapshot) {
        ok(node, "zfs snapshot \"$1\"", snapshot);
    }

    /** Writes {@code mib} MiB of random data to a file in the dataset's mountpoint, then syncs. */
    public void writeRandom(String node, String dataset, String file, int mib) {
        ok(node, """
                mp=$(zfs get -H -o value mountpoint "$1") && cd "$mp" \
                && dd if=/dev/urandom of="$2" bs=1048576 count="$3" 2>/dev/null && sync
                """, dataset, file, Integer.toString(mib));
    }

    /** The newest of the job's replication snapshots on the source whose GUID is also on the target. */
    public Optional<Snapshot> newestCommon(String source, String target, String dataset, String jobId) {
        Set<String> targetGuids =
                snapshots(target, dataset).stream().map(Snapshot::guid).collect(Collectors.toSet());
        Snapshot newest = null;
        for (Snapshot s : snapshots(source, dataset)) {
            if (targetGuids.contains(s.guid()) && s.shortName().startsWith("__replicate_" + jobId + "_")) {
                newest = s;
            }
        }
        return Optional.ofNullable(newest);
    }

    /** {@code zfs destroy <snapshot>}; a held snapshot (a send in progress) makes it fail. */
    public CommandResult tryDestroySnapshot(String node, String snapshot) {
        return script(node, "zfs destroy \"$1\"", snapshot);
    }

    /**
     * {@code <files> <sha256>}: the number of files under the dataset's mountpoint and the
     * sha256 over every file's sha256 (sorted by relative path).
     */
    public String contentDigest(String node, String dataset) {
        return ok(node, """
                mp=$(zfs get -H -o value mountpoint "$1") && cd "$mp" && n=$(find . -type f | wc -l) \
                && echo "$n $(find . -type f | LC_ALL=C sort | xargs -r sha256sum | sha256sum | cut -d' ' -f1)"
                """, dataset);
    }
}
