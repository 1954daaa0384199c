package io.zsentinel.launcher.e2e;

import io.zsentinel.remote.CommandResult;
import java.time.Instant;

/**
 * Faults caused for real on the lab's nodes, beyond what ZFS commands alone do: a pool filled
 * until ENOSPC, an SSH connection cut under a running command. Each is done over the test's own
 * SSH connection to the node ({@link LabZfs#script}), which is not the connection it cuts.
 */
public final class LabFaults {
    private final LabZfs zfs;

    /** A node's pool as {@code zpool list} printed it right after a fault. */
    public record PoolLine(String text) {}

    /** The sshd process that was killed and the command it was serving. */
    public record CutSession(long sshdPid, String sshd, long commandPid, String command) {}

    public LabFaults(LabZfs zfs) {
        this.zfs = zfs;
    }

    /** A filled pool: when {@code dd} met ENOSPC (the nodes share this machine's clock), and {@code zpool list} then. */
    public record Fill(Instant fullAt, PoolLine pool) {}

    /**
     * Creates {@code filler} (a dataset outside the guests' data root) and writes zeros into it
     * until the pool is full ({@code dd} ends with ENOSPC; compression is off on the lab's pools,
     * so zeros take real blocks). The moment it was full is the fault's: a run that began during
     * the fill meets it then, before this returns.
     */
    public Fill fillPool(String node, String filler) {
        String out = zfs.ok(node, """
                zfs create "$1" && mp=$(zfs get -H -o value mountpoint "$1") || exit 1
                # dd's complaint is kept in memory: a file for it would not fit on the full pool
                err=$(dd if=/dev/zero of="$mp/fill" bs=1048576 2>&1 >/dev/null); full=$(date +%s%N); sync
                case "$err" in *"No space left on device"*) ;; *) echo "dd: $err" >&2; exit 1;; esac
                echo "$full"
                zpool list -H -o name,size,allocated,free,capacity rpool
                """, filler);
        String[] lines = out.strip().split("\n", 2);
        return new Fill(Instant.ofEpochSecond(0, Long.parseLong(lines[0].strip())), new PoolLine(lines[1]));
    }

    /** Destroys the filler again (a destroyed dataset, unlike a deleted file, gives its blocks back at once). */
    public PoolLine removeFiller(String node, String filler) {
        zfs.destroyAll(node, filler);
        return new PoolLine(zfs.ok(node, "zpool list -H -o name,size,allocated,free,capacity rpool"));
    }

    /** Whether a {@code zfs receive <dataset>} runs on the node right now (e.g. a resync's full receive). */
    public boolean receiving(String node, String dataset) {
        CommandResult r = zfs.script(node, """
                ps -eo args= | awk -v ds="$1" '$1 == "zfs" && ($2 == "receive" || $2 == "recv") && $NF == ds { found = 1 }
                  END { exit found ? 0 : 3 }'
                """, dataset);
        return r.ok();
    }

    /**
     * Kills, with SIGKILL, the per-connection sshd that serves {@code zfs receive <dataset>} on the
     * node: the whole SSH connection of whoever runs that receive drops, as when a network path
     * breaks; the node's listener (and so every other connection) stays up. The receive is found
     * by its argv (each guest's dataset is received by one job only), and its sshd by walking up
     * the parents to the first {@code sshd}, whose own parent must be the node's listener.
     *
     * @return null when no such receive runs right now (the caller tries again)
     */
    public CutSession cutSshSessionReceiving(String node, String dataset) {
        CommandResult r = zfs.script(node, """
                pid=$(ps -eo pid=,args= | awk -v ds="$1" \\
                  '$2 == "zfs" && ($3 == "receive" || $3 == "recv") && $NF == ds { print $1; exit }')
                [ -n "$pid" ] || exit 3
                p=$pid
                while [ "$p" -gt 1 ]; do
                  if [ "$(cat /proc/$p/comm)" = sshd ]; then
                    parent=$(ps -o ppid= -p "$p" | tr -d ' ')
                    ps -o args= -p "$parent" | grep -q '\\[listener\\]' || { echo "sshd $p is not a session of the listener" >&2; exit 4; }
                    line=$(ps -o args= -p "$p"); cmd=$(ps -o args= -p "$pid")
                    kill -KILL "$p"
                    printf '%s\\t%s\\t%s\\t%s\\n' "$p" "$line" "$pid" "$cmd"
                    exit 0
                  fi
                  p=$(ps -o ppid= -p "$p" | tr -d ' ')
                done
                echo "no sshd above pid $pid" >&2; exit 4
                """, dataset);
        if (r.exitCode() == 3) {
            return null;
        }
        if (!r.ok()) {
            throw new AssertionError("on " + node + ": cutting the SSH session of `zfs receive " + dataset
                    + "` failed, " + r.describeFailure());
        }
        String[] f = r.stdout().strip().split("\t");
        return new CutSession(Long.parseLong(f[0]), f[1], Long.parseLong(f[2]), f[3]);
    }
}
