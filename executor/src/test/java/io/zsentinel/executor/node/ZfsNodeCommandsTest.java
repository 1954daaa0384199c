package io.zsentinel.executor.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zsentinel.events.data.ErrorClass;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The richer path (OpenZFS: {@code recv -s}, {@code send -nvP}) and the portable one (zfs-fuse),
 * chosen from the probed usage text; a hand-written shell that answers like each kind of node.
 */
class ZfsNodeCommandsTest {
    static final String OPENZFS_USAGE = """
            usage: zfs command args ...
            	list [-Hp] [-r|-d max] [-o property[,...]]
            	send [-DLPbcehnpsVvw] [-i|-I snapshot] <snapshot>
            	receive [-vMnsFhu] [-o <property>=<value>] ... <filesystem|volume|snapshot>
            	bookmark <snapshot|bookmark> <newbookmark>
            	hold [-r] <tag> <snapshot> ...
            """;
    static final String ZFS_FUSE_USAGE = """
            	list [-rH][-d max] [-o property[,...]]
            	send [-RDp] [-[iI] snapshot] <snapshot>
            	receive [-vnF] <filesystem|volume|snapshot>
            	hold [-r] <tag> <snapshot> ...
            """;

    /** Answers by command line; records what ran. */
    static final class FakeShell implements NodeShell {
        final Map<String, CommandResult> answers;
        final List<String> ran = new ArrayList<>();

        FakeShell(Map<String, CommandResult> answers) {
            this.answers = answers;
        }

        @Override
        public String node() {
            return "fake";
        }

        @Override
        public void connect() {}

        @Override
        public CommandResult exec(Command command, Duration timeout) {
            ran.add(command.line());
            return answers.getOrDefault(command.line(), new CommandResult(0, "", ""));
        }

        @Override
        public Streaming start(Command command) {
            throw new UnsupportedOperationException();
        }
    }

    /** Answers each rename from {@code renames} in turn (then success); records what ran. */
    static final class BusyShell implements NodeShell {
        final List<CommandResult> renames;
        final List<String> ran = new ArrayList<>();

        BusyShell(List<CommandResult> renames) {
            this.renames = new ArrayList<>(renames);
        }

        @Override
        public String node() {
            return "fake";
        }

        @Override
        public void connect() {}

        @Override
        public CommandResult exec(Command command, Duration timeout) {
            ran.add(command.line());
            if (command.line().startsWith("zfs rename") && !renames.isEmpty()) {
                return renames.remove(0);
            }
            return new CommandResult(0, "", "");
        }

        @Override
        public Streaming start(Command command) {
            throw new UnsupportedOperationException();
        }
    }

    private static final CommandResult BUSY = new CommandResult(1, "", "cannot rename 'rpool/data/x': dataset is busy\n");

    @Test
    void aRenameThatMeetsABusyDatasetUnmountsTriesAgainAndMountsTheNewName() throws Exception {
        // zfs-fuse: busy, and still busy right after the unmount (clean-clone run 8 of a2ee625 failed a resync so)
        BusyShell shell = new BusyShell(List.of(BUSY, BUSY));
        new ZfsNode(shell, ZoneOffset.UTC).rename("rpool/data/x", "rpool/data/x_old");
        assertThat(shell.ran).containsExactly("zfs rename rpool/data/x rpool/data/x_old", "zfs unmount -f rpool/data/x",
                "zfs rename rpool/data/x rpool/data/x_old", "zfs unmount -f rpool/data/x",
                "zfs rename rpool/data/x rpool/data/x_old", "zfs mount rpool/data/x_old");
    }

    @Test
    void aRenameThatStaysBusyOrFailsOtherwiseSaysSo() {
        BusyShell busy = new BusyShell(List.of(BUSY, BUSY, BUSY, BUSY, BUSY, BUSY, BUSY));
        assertThatThrownBy(() -> new ZfsNode(busy, ZoneOffset.UTC).rename("rpool/data/x", "rpool/data/x_old"))
                .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.DATASET_BUSY))
                .hasMessageContaining("dataset is busy");
        BusyShell exists = new BusyShell(List.of(new CommandResult(1, "", "cannot rename to 'rpool/data/x_old': dataset already exists\n")));
        assertThatThrownBy(() -> new ZfsNode(exists, ZoneOffset.UTC).rename("rpool/data/x", "rpool/data/x_old"))
                .hasMessageContaining("dataset already exists");
        assertThat(exists.ran).containsExactly("zfs rename rpool/data/x rpool/data/x_old");
    }

    @Test
    void openZfsGetsResumableReceiveAndAnEstimate() throws Exception {
        FakeShell shell = new FakeShell(Map.of(
                "zfs", new CommandResult(2, "", OPENZFS_USAGE),
                "zfs send -nvP -I rpool/data/x@a rpool/data/x@b", new CommandResult(0, "incremental\ta\tb\t1234\nsize\t1234\n", "")));
        ZfsNode node = new ZfsNode(shell, ZoneOffset.UTC);
        assertThat(node.receiveCommand("rpool/data/x", false).line()).isEqualTo("zfs receive -s rpool/data/x");
        assertThat(node.receiveCommand("rpool/data/x", true).line()).isEqualTo("zfs receive -F -s rpool/data/x");
        assertThat(node.estimate("rpool/data/x", "a", "b")).hasValue(1234L);
        assertThat(node.sendCommand("rpool/data/x", "a", "b").line()).isEqualTo("zfs send -I rpool/data/x@a rpool/data/x@b");
        assertThat(shell.ran.stream().filter("zfs"::equals)).hasSize(1); // probed once
    }

    @Test
    void resumeTokensOnlyOnTheRicherPath() throws Exception {
        String token = "1-e604ea4bf-e0-789c63a2";
        FakeShell rich = new FakeShell(Map.of("zfs", new CommandResult(2, "", OPENZFS_USAGE),
                "zfs get -H -o value receive_resume_token rpool/data/x", new CommandResult(0, token + "\n", ""),
                "zfs get -H -o value receive_resume_token rpool/data/y", new CommandResult(0, "-\n", "")));
        ZfsNode node = new ZfsNode(rich, ZoneOffset.UTC);
        assertThat(node.resumeToken("rpool/data/x")).contains(token);
        assertThat(node.resumeToken("rpool/data/y")).isEmpty();
        assertThat(node.resumeSendCommand(token).line()).isEqualTo("zfs send -t " + token);
        assertThatThrownBy(() -> node.resumeSendCommand("1-abc; rm -rf /")).isInstanceOf(IllegalArgumentException.class);
        node.abortPartialReceive("rpool/data/x");
        assertThat(rich.ran).contains("zfs receive -A rpool/data/x");

        FakeShell portable = new FakeShell(Map.of("zfs", new CommandResult(2, "", ZFS_FUSE_USAGE)));
        ZfsNode fuse = new ZfsNode(portable, ZoneOffset.UTC);
        assertThat(fuse.resumeToken("rpool/data/x")).isEmpty();
        fuse.abortPartialReceive("rpool/data/x");
        assertThat(portable.ran).containsExactly("zfs");
    }

    @Test
    void zfsFuseTakesThePortablePath() throws Exception {
        FakeShell shell = new FakeShell(Map.of("zfs", new CommandResult(2, "", ZFS_FUSE_USAGE)));
        ZfsNode node = new ZfsNode(shell, ZoneOffset.UTC);
        assertThat(node.receiveCommand("rpool/data/x", false).line()).isEqualTo("zfs receive rpool/data/x");
        assertThat(node.estimate("rpool/data/x", null, "b")).isEmpty();
        assertThat(node.capabilities().holds()).isTrue();
        assertThat(shell.ran).doesNotContain("zfs send -nvP rpool/data/x@b");
    }

    @Test
    void errorsCarryTheirClassAndAbsentDatasetsAreNotErrors() throws Exception {
        FakeShell shell = new FakeShell(Map.of(
                "zfs get -Hp -r -o name,property,value guid,creation,createtxg,used,referenced,available rpool/data/none",
                new CommandResult(1, "", "cannot open 'rpool/data/none': dataset does not exist"),
                "zfs snapshot rpool/data/x@s", new CommandResult(1, "", "cannot create snapshot: out of space")));
        ZfsNode node = new ZfsNode(shell, ZoneOffset.UTC);
        assertThat(node.inventory("rpool/data/none").exists()).isFalse();
        assertThatThrownBy(() -> node.snapshot("rpool/data/x", "s"))
                .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.NO_SPACE));
    }

    @Test
    void hostileNamesNeverReachTheShell() {
        FakeShell shell = new FakeShell(Map.of());
        ZfsNode node = new ZfsNode(shell, ZoneOffset.UTC);
        for (String bad : List.of("rpool/x; rm -rf /", "rpool/$(id)", "-rpool/x", "rpool/../x", "rpool/x y", "rpool//x", "")) {
            assertThatThrownBy(() -> node.inventory(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> node.snapshot("rpool/x", "a'b")).isInstanceOf(IllegalArgumentException.class);
        assertThat(shell.ran).isEmpty();
    }

    @Test
    void argumentsAreQuoted() {
        assertThat(Command.of("sh", "-c", "cat > /dev/null").line()).isEqualTo("sh -c 'cat > /dev/null'");
        assertThat(Command.of("echo", "it's").line()).isEqualTo("echo 'it'\\''s'");
        assertThat(Command.of("zfs", "get", "-Hp", "rpool/data@x").line()).isEqualTo("zfs get -Hp rpool/data@x");
        assertThat(Command.of("echo", "--x", "$HOME", "").line()).isEqualTo("echo '--x' '$HOME' ''");
    }
}
