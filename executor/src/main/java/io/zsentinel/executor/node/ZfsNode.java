package io.zsentinel.executor.node;

import io.zsentinel.events.data.ErrorClass;
import io.zsentinel.executor.transfer.SendEstimate;
import io.zsentinel.executor.zfs.Capabilities;
import io.zsentinel.executor.zfs.DatasetInventory;
import io.zsentinel.executor.zfs.ZfsOutput;
import io.zsentinel.remote.CommandResult;
import io.zsentinel.remote.RemoteCommand;
import io.zsentinel.remote.ZfsNames;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * ZFS on one node: every command built from validated names and quoted arguments, every
 * failure raised as a {@link NodeFailure} carrying its error class. Blocking.
 */
public final class ZfsNode {
    private static final Duration SHORT = Duration.ofMinutes(2);

    private final NodeShell shell;
    private final ZoneId zone;
    private volatile Capabilities capabilities;

    public ZfsNode(NodeShell shell, ZoneId nodeZone) {
        this.shell = shell;
        this.zone = nodeZone;
    }

    public String name() {
        return shell.node();
    }

    public NodeShell shell() {
        return shell;
    }

    /** Probed once per node (and again after {@link #forgetCapabilities}). */
    public Capabilities capabilities() throws NodeFailure {
        Capabilities c = capabilities;
        if (c == null) {
            CommandResult usage = shell.exec(RemoteCommand.of("zfs"), SHORT);
            c = Capabilities.fromUsage(usage.stdout() + "\n" + usage.stderr());
            capabilities = c;
        }
        return c;
    }

    public void forgetCapabilities() {
        capabilities = null;
    }

    public DatasetInventory inventory(String dataset) throws NodeFailure {
        CommandResult r = shell.exec(
                RemoteCommand.of(
                        "zfs",
                        "get",
                        "-Hp",
                        "-r",
                        "-o",
                        "name,property,value",
                        String.join(",", ZfsOutput.INVENTORY_PROPERTIES),
                        ZfsNames.dataset(dataset)),
                SHORT);
        if (!r.ok()) {
            if (r.stderr().contains("dataset does not exist")) {
                return DatasetInventory.absent(dataset);
            }
            throw failure("zfs get " + dataset, r);
        }
        return ZfsOutput.parseGet(dataset, r.stdout(), zone);
    }

    public List<ZfsOutput.PoolLine> pools() throws NodeFailure {
        CommandResult r = shell.exec(
                RemoteCommand.of("zpool", "list", "-H", "-o", "name,size,allocated,free,capacity,health"), SHORT);
        if (!r.ok()) {
            throw failure("zpool list", r);
        }
        return ZfsOutput.parsePools(r.stdout());
    }

    public void snapshot(String dataset, String snapshot) throws NodeFailure {
        run("zfs", "snapshot", ZfsNames.snapshotOf(dataset, snapshot));
    }

    public void destroySnapshot(String dataset, String snapshot) throws NodeFailure {
        run("zfs", "destroy", ZfsNames.snapshotOf(dataset, snapshot));
    }

    /**
     * Renames a dataset. A mounted dataset some process still touches is "busy" (zfs-fuse says
     * so even for a just-written one, and again for a moment after it was unmounted): then it is
     * unmounted and the rename tried again, a few times with growing pauses, and mounted again
     * under its new name.
     */
    public void rename(String dataset, String newName) throws NodeFailure {
        RemoteCommand rename = RemoteCommand.of("zfs", "rename", ZfsNames.dataset(dataset), ZfsNames.dataset(newName));
        CommandResult first = shell.exec(rename, SHORT);
        if (first.ok()) {
            return;
        }
        CommandResult r = retryWhileBusy(dataset, rename, first);
        boolean unmounted = first.stderr().contains("dataset is busy");
        if (!r.ok()) {
            throw failure("zfs rename " + dataset + " " + newName, r);
        }
        if (unmounted) {
            try {
                run("zfs", "mount", ZfsNames.dataset(newName));
            } catch (NodeFailure mountFailed) {
                // the data is safe under its new name; mounting is a convenience
            }
        }
    }

    /** The last name component of preflight's scratch datasets. */
    public static final String SCRATCH_PREFIX = "zsentinel_preflight_";
    /** The last name component of a drill's clones. */
    public static final String DRILL_PREFIX = "zsentinel_drill_";

    private static final java.util.regex.Pattern MOUNTPOINT = java.util.regex.Pattern.compile("/[A-Za-z0-9_.:/-]*");
    /** Files and a digest of a dataset's content: sha256 over the sorted {@code sha256sum} lines of its regular files. */
    private static final String DIGEST = "cd \"$1\" || exit 1; n=$(find . -type f | wc -l) || exit 1;"
            + " d=$(find . -type f -print0 | LC_ALL=C sort -z | xargs -0r sha256sum | sha256sum | cut -d' ' -f1) || exit 1;"
            + " echo \"$n $d\"";

    /**
     * What datasets under {@code dataset} can still write ({@code available}: the pool's free
     * space less its slop and reservations), or null when ZFS does not say.
     */
    public Long available(String dataset) throws NodeFailure {
        CommandResult r = shell.exec(
                RemoteCommand.of("zfs", "get", "-Hp", "-o", "value", "available", ZfsNames.dataset(dataset)), SHORT);
        if (!r.ok()) {
            throw failure("zfs get available " + dataset, r);
        }
        return io.zsentinel.executor.zfs.Sizes.parse(r.stdout().strip());
    }

    /** A dataset's content digest: its regular files and their digest, read where it is mounted. */
    public record Digest(long files, String sha256) {}

    /**
     * A scratch dataset of {@code mib} MiB of random data with one snapshot, for preflight's timed
     * transfer; its name must end in a {@link #SCRATCH_PREFIX} component.
     */
    public void createScratch(String dataset, int mib, String snapshot) throws NodeFailure {
        ownName(dataset);
        run("zfs", "create", ZfsNames.dataset(dataset));
        String mountpoint = mountpoint(dataset);
        run("dd", "if=/dev/urandom", "of=" + mountpoint + "/scratch.bin", "bs=1048576", "count=" + mib);
        run("sync");
        run("zfs", "snapshot", ZfsNames.snapshotOf(dataset, snapshot));
    }

    /** A read-only clone of {@code dataset@snapshot} named {@code clone} (a {@link #DRILL_PREFIX} name). */
    public void drillClone(String dataset, String snapshot, String clone) throws NodeFailure {
        ownName(clone);
        run("zfs", "clone", "-o", "readonly=on", ZfsNames.snapshotOf(dataset, snapshot), ZfsNames.dataset(clone));
    }

    public Digest contentDigest(String dataset) throws NodeFailure {
        String mountpoint = mountpoint(dataset);
        CommandResult r = shell.exec(RemoteCommand.of("sh", "-c", DIGEST, "sh", mountpoint), Duration.ofHours(6));
        String[] out = r.stdout().strip().split(" ");
        if (!r.ok() || out.length != 2 || !out[1].matches("[0-9a-f]{64}")) {
            throw failure("digest of " + dataset, r);
        }
        return new Digest(Long.parseLong(out[0]), out[1]);
    }

    private String mountpoint(String dataset) throws NodeFailure {
        CommandResult mp = shell.exec(
                RemoteCommand.of("zfs", "get", "-H", "-o", "value", "mountpoint", ZfsNames.dataset(dataset)), SHORT);
        String mountpoint = mp.stdout().strip();
        if (!mp.ok() || !MOUNTPOINT.matcher(mountpoint).matches()) {
            throw failure("zfs get mountpoint " + dataset + " (" + mountpoint + ")", mp);
        }
        return mountpoint;
    }

    /**
     * Destroys a dataset zsentinel made for a check (preflight's scratch, a drill's clone) with its
     * snapshots; refuses any other name, so no replica or guest disk can be destroyed through it.
     */
    public void destroyOwn(String dataset) throws NodeFailure {
        ownName(dataset);
        RemoteCommand destroy = RemoteCommand.of("zfs", "destroy", "-r", ZfsNames.dataset(dataset));
        // just read, the mount can stay busy for a moment (zfs-fuse says so every time)
        CommandResult r = retryWhileBusy(dataset, destroy, shell.exec(destroy, SHORT));
        if (!r.ok() && !r.stderr().contains("dataset does not exist")) {
            throw failure("zfs destroy -r " + dataset, r);
        }
    }

    private static final int BUSY_RETRIES = 5;

    /**
     * While {@code command} finds {@code dataset} busy: unmount it ({@code -f}) and try again, with
     * growing pauses, up to {@link #BUSY_RETRIES} times. Returns the last result.
     */
    private CommandResult retryWhileBusy(String dataset, RemoteCommand command, CommandResult first)
            throws NodeFailure {
        CommandResult r = first;
        for (int attempt = 0; !r.ok() && r.stderr().contains("dataset is busy") && attempt < BUSY_RETRIES; attempt++) {
            shell.exec(RemoteCommand.of("zfs", "unmount", "-f", ZfsNames.dataset(dataset)), SHORT);
            if (attempt > 0) {
                pause(Duration.ofMillis(500L * attempt));
            }
            r = shell.exec(command, SHORT);
        }
        return r;
    }

    private void pause(Duration d) throws NodeFailure {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NodeFailure(shell.node(), "interrupted while waiting for a busy dataset", ErrorClass.UNKNOWN, e);
        }
    }

    private static void ownName(String dataset) {
        String last = dataset.substring(dataset.lastIndexOf('/') + 1);
        if (dataset.indexOf('/') < 0 || !(last.startsWith(SCRATCH_PREFIX) || last.startsWith(DRILL_PREFIX))) {
            throw new IllegalArgumentException("not a dataset zsentinel made for a check: " + dataset);
        }
    }

    /** Ensures the connection (a step of its own, so an unreachable node fails in "connect"). */
    public void connect() throws NodeFailure {
        shell.connect();
    }

    public void rollback(String dataset, String snapshot) throws NodeFailure {
        run("zfs", "rollback", "-r", ZfsNames.snapshotOf(dataset, snapshot));
    }

    /**
     * Keeps reads of a replica from counting as modifications: with atime on, reading a file
     * dirties the dataset and the next incremental receive (without -F) fails.
     */
    public void atimeOff(String dataset) throws NodeFailure {
        run("zfs", "set", "atime=off", ZfsNames.dataset(dataset));
    }

    /**
     * Holds {@code dataset@snapshot} under {@code tag}. True also when the tag already holds it
     * (a stale hold of an interrupted run protects the base just as well).
     */
    public boolean hold(String tag, String dataset, String snapshot) throws NodeFailure {
        CommandResult r = shell.exec(
                RemoteCommand.of("zfs", "hold", holdTag(tag), ZfsNames.snapshotOf(dataset, snapshot)), SHORT);
        if (r.ok() || r.stderr().contains("tag already exists")) {
            return true;
        }
        throw failure("zfs hold " + tag + " " + dataset + "@" + snapshot, r);
    }

    /** Releases a hold; a hold that is not there is fine. */
    public void release(String tag, String dataset, String snapshot) {
        try {
            shell.exec(RemoteCommand.of("zfs", "release", holdTag(tag), ZfsNames.snapshotOf(dataset, snapshot)), SHORT);
        } catch (NodeFailure e) {
            // best effort: a missing hold or an unreachable node is reported by the next step
        }
    }

    /** {@code zfs send -nvP} when the node supports it. */
    public OptionalLong estimate(String dataset, String from, String to) throws NodeFailure {
        if (!capabilities().sendEstimate()) {
            return OptionalLong.empty();
        }
        CommandResult r = shell.exec(RemoteCommand.of("zfs", sendArgs(dataset, from, to, true)), SHORT);
        return r.ok() ? SendEstimate.parse(r.stdout() + "\n" + r.stderr()) : OptionalLong.empty();
    }

    public RemoteCommand sendCommand(String dataset, String from, String to) {
        return RemoteCommand.of("zfs", sendArgs(dataset, from, to, false));
    }

    private static List<String> sendArgs(String dataset, String from, String to, boolean dryRun) {
        List<String> argv = new ArrayList<>(List.of("send"));
        if (dryRun) {
            argv.add("-nvP");
        }
        if (from != null) {
            argv.add("-I");
            argv.add(ZfsNames.snapshotOf(dataset, from));
        }
        argv.add(ZfsNames.snapshotOf(dataset, to));
        return argv;
    }

    /**
     * {@code zfs receive} into {@code dataset}: with {@code -F} only when asked (a resync after a
     * rollback); {@code -s} where resumable receive exists. Without {@code -F} a modified target
     * is reported (DEST_MODIFIED) instead of being silently rolled back.
     */
    public RemoteCommand receiveCommand(String dataset, boolean force) throws NodeFailure {
        List<String> argv = new ArrayList<>(List.of("receive"));
        if (force) {
            argv.add("-F");
        }
        if (capabilities().resumableReceive()) {
            argv.add("-s");
        }
        argv.add(ZfsNames.dataset(dataset));
        return RemoteCommand.of("zfs", argv);
    }

    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("[0-9A-Za-z-]{8,4096}");

    /**
     * Richer path only: the resume token an interrupted {@code receive -s} left on {@code dataset},
     * if any ({@code receive_resume_token}; "-" means none).
     */
    public java.util.Optional<String> resumeToken(String dataset) throws NodeFailure {
        if (!capabilities().resumableReceive()) {
            return java.util.Optional.empty();
        }
        CommandResult r = shell.exec(
                RemoteCommand.of("zfs", "get", "-H", "-o", "value", "receive_resume_token", ZfsNames.dataset(dataset)),
                SHORT);
        String token = r.stdout().strip();
        return r.ok() && TOKEN.matcher(token).matches() ? java.util.Optional.of(token) : java.util.Optional.empty();
    }

    /** {@code zfs send -t <token>}: the rest of an interrupted stream. */
    public RemoteCommand resumeSendCommand(String token) {
        if (!TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("invalid resume token");
        }
        return RemoteCommand.of("zfs", "send", "-t", token);
    }

    /**
     * Richer path only: drops the partial state an interrupted {@code receive -s} left, which
     * would otherwise block every later receive ("contains partially-complete state"), when
     * resuming it failed (its source snapshot is gone).
     */
    public void abortPartialReceive(String dataset) throws NodeFailure {
        if (capabilities().resumableReceive()) {
            shell.exec(RemoteCommand.of("zfs", "receive", "-A", ZfsNames.dataset(dataset)), SHORT);
        }
    }

    private void run(String program, String... args) throws NodeFailure {
        CommandResult r = shell.exec(RemoteCommand.of(program, args), SHORT);
        if (!r.ok()) {
            throw failure(program + " " + String.join(" ", args), r);
        }
    }

    private NodeFailure failure(String what, CommandResult r) {
        return NodeFailure.exited(shell.node(), what, r);
    }

    private static final java.util.regex.Pattern TAG =
            java.util.regex.Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:-]{0,63}");

    private static String holdTag(String tag) {
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("invalid hold tag '" + tag + "'");
        }
        return tag;
    }
}
