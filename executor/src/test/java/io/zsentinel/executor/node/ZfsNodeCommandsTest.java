package io.zsentinel.executor.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zsentinel.events.data.ErrorClass;
import io.zsentinel.remote.CommandResult;
import java.time.ZoneOffset;
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

    private static final CommandResult BUSY =
            new CommandResult(1, "", "cannot rename 'rpool/data/x': dataset is busy\n");

    @Test
    void aRenameThatMeetsABusyDatasetUnmountsTriesAgainAndMountsTheNewName() throws Exception {
        // zfs-fuse: busy, and still busy right after the unmount (clean-clone run 8 of a2ee625 failed a resync so)
        ScriptedShell shell = busy(BUSY, BUSY);
        new ZfsNode(shell, ZoneOffset.UTC).rename("rpool/data/x", "rpool/data/x_old");
        assertThat(shell.ran)
                .containsExactly(
                        "zfs rename rpool/data/x rpool/data/x_old",
                        "zfs unmount -f rpool/data/x",
                        "zfs rename rpool/data/x rpool/data/x_old",
                        "zfs unmount -f rpool/data/x",
                        "zfs rename rpool/data/x rpool/data/x_old",
                        "zfs mount rpool/data/x_old");
    }

    @Test
    void aRenameThatStaysBusyOrFailsOtherwiseSaysSo() {
        ScriptedShell busy = busy(BUSY, BUSY, BUSY, BUSY, BUSY, BUSY, BUSY);
        assertThatThrownBy(() -> new ZfsNode(busy, ZoneOffset.UTC).rename("rpool/data/x", "rpool/data/x_old"))
                .isInstanceOfSatisfying(
                        NodeFailure.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.DATASET_BUSY))
                .hasMessageContaining("dataset is busy");
        ScriptedShell exists =
                busy(new CommandResult(1, "", "cannot rename to 'rpool/data/x_old': dataset already exists\n"));
        assertThatThrownBy(() -> new ZfsNode(exists, ZoneOffset.UTC).rename("rpool/data/x", "rpool/data/x_old"))
                .hasMessageContaining("dataset already exists");
        assertThat(exists.ran).containsExactly("zfs rename rpool/data/x rpool/data/x_old");
    }

    @Test
    void openZfsGetsResumableReceiveAndAnEstimate() throws Exception {
        ScriptedShell shell = new ScriptedShell(
                "fake",
                Map.of(
                        "zfs", new CommandResult(2, "", OPENZFS_USAGE),
                        "zfs send -nvP -I rpool/data/x@a rpool/data/x@b",
                                new CommandResult(0, "incremental\ta\tb\t1234\nsize\t1234\n", "")));
        ZfsNode node = new ZfsNode(shell, ZoneOffset.UTC);
        assertThat(ScriptedShell.line(node.receiveCommand("rpool/data/x", false)))
                .isEqualTo("zfs receive -s rpool/data/x");
        assertThat(ScriptedShell.line(node.receiveCommand("rpool/data/x", true)))
                .isEqualTo("zfs receive -F -s rpool/data/x");
        assertThat(node.estimate("rpool/data/x", "a", "b")).hasValue(1234L);
        assertThat(ScriptedShell.line(node.sendCommand("rpool/data/x", "a", "b")))
                .isEqualTo("zfs send -I rpool/data/x@a rpool/data/x@b");
        assertThat(shell.ran.stream().filter("zfs"::equals)).hasSize(1); // probed once
    }

    @Test
    void resumeTokensOnlyOnTheRicherPath() throws Exception {
        String token = "1-e604ea4bf-e0-789c63a2";
        ScriptedShell rich = new ScriptedShell(
                "fake",
                Map.of(
                        "zfs",
                        new CommandResult(2, "", OPENZFS_USAGE),
                        "zfs get -H -o value receive_resume_token rpool/data/x",
                        new CommandResult(0, token + "\n", ""),
                        "zfs get -H -o value receive_resume_token rpool/data/y",
                        new CommandResult(0, "-\n", "")));
        ZfsNode node = new ZfsNode(rich, ZoneOffset.UTC);
        assertThat(node.resumeToken("rpool/data/x")).contains(token);
        assertThat(node.resumeToken("rpool/data/y")).isEmpty();
        assertThat(ScriptedShell.line(node.resumeSendCommand(token))).isEqualTo("zfs send -t " + token);
        assertThatThrownBy(() -> node.resumeSendCommand("1-abc; rm -rf /"))
                .isInstanceOf(IllegalArgumentException.class);
        node.abortPartialReceive("rpool/data/x");
        assertThat(rich.ran).contains("zfs receive -A rpool/data/x");

        ScriptedShell portable = new ScriptedShell("fake", Map.of("zfs", new CommandResult(2, "", ZFS_FUSE_USAGE)));
        ZfsNode fuse = new ZfsNode(portable, ZoneOffset.UTC);
        assertThat(fuse.resumeToken("rpool/data/x")).isEmpty();
        fuse.abortPartialReceive("rpool/data/x");
        assertThat(portable.ran).containsExactly("zfs");
    }

    @Test
    void zfsFuseTakesThePortablePath() throws Exception {
        ScriptedShell shell = new ScriptedShell("fake", Map.of("zfs", new CommandResult(2, "", ZFS_FUSE_USAGE)));
        ZfsNode node = new ZfsNode(shell, ZoneOffset.UTC);
        assertThat(ScriptedShell.line(node.receiveCommand("rpool/data/x", false)))
                .isEqualTo("zfs receive rpool/data/x");
        assertThat(node.estimate("rpool/data/x", null, "b")).isEmpty();
        assertThat(node.capabilities().holds()).isTrue();
        assertThat(shell.ran).doesNotContain("zfs send -nvP rpool/data/x@b");
    }

    @Test
    void errorsCarryTheirClassAndAbsentDatasetsAreNotErrors() throws Exception {
        ScriptedShell shell = new ScriptedShell(
                "fake",
                Map.of(
                        "zfs get -Hp -r -o name,property,value guid,creation,createtxg,used,referenced,available rpool/data/none",
                        new CommandResult(1, "", "cannot open 'rpool/data/none': dataset does not exist"),
                        "zfs snapshot rpool/data/x@s",
                        new CommandResult(1, "", "cannot create snapshot: out of space")));
        ZfsNode node = new ZfsNode(shell, ZoneOffset.UTC);
        assertThat(node.inventory("rpool/data/none").exists()).isFalse();
        assertThatThrownBy(() -> node.snapshot("rpool/data/x", "s"))
                .isInstanceOfSatisfying(
                        NodeFailure.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.NO_SPACE));
    }

    @Test
    void hostileNamesNeverReachTheShell() {
        ScriptedShell shell = new ScriptedShell("fake", Map.of());
        ZfsNode node = new ZfsNode(shell, ZoneOffset.UTC);
        for (String bad :
                List.of("rpool/x; rm -rf /", "rpool/$(id)", "-rpool/x", "rpool/../x", "rpool/x y", "rpool//x", "")) {
            assertThatThrownBy(() -> node.inventory(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> node.snapshot("rpool/x", "a'b")).isInstanceOf(IllegalArgumentException.class);
        assertThat(shell.ran).isEmpty();
    }

    /** Answers each rename from {@code renames} in turn (then success). */
    private static ScriptedShell busy(CommandResult... renames) {
        return new ScriptedShell("fake", Map.of()).queue("zfs rename", List.of(renames));
    }
}
