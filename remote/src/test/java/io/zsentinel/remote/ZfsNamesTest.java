package io.zsentinel.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ZfsNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"rpool", "tank", "a", "Tank_2", "pool.1", "pool:x", "pool-x", "z" + "0123456789"})
    void acceptsPools(String name) {
        assertThat(ZfsNames.pool(name)).isEqualTo(name);
        assertThat(ZfsNames.isValidPool(name)).isTrue();
    }

    static Stream<Arguments> badPools() {
        return Stream.of(
                Arguments.of(null, "null"),
                Arguments.of("", "empty"),
                Arguments.of("1pool", "must begin with a letter"),
                Arguments.of("_pool", "must begin with a letter"),
                Arguments.of("-pool", "the pool name begins with '-', which a command would read as an option"),
                Arguments.of("mirror", "reserved"),
                Arguments.of("mirror2", "reserved"),
                Arguments.of("raidz", "reserved"),
                Arguments.of("raidz1x", "reserved"),
                Arguments.of("draid", "reserved"),
                Arguments.of("spare", "reserved"),
                Arguments.of("log", "reserved"),
                Arguments.of("c0t0d0", "disk"),
                Arguments.of("rpool/data", "no '/'"),
                Arguments.of("rpool@snap", "no '/', '@'"),
                Arguments.of("r pool", "character ' '"),
                Arguments.of("rpool;id", "character ';'"),
                Arguments.of("a..b", "'..'"),
                Arguments.of("x".repeat(256), "more than 255"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badPools")
    void rejectsPools(String name, String reason) {
        assertRejected(ZfsNames::pool, name, "pool", reason);
        assertThat(ZfsNames.isValidPool(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "rpool",
                "rpool/data",
                "rpool/data/subvol-101-disk-0",
                "rpool/data/vm-100-disk-1",
                "tank/a.b/c_d/e:f/g-h",
                "rpool/data/subvol-101-disk-0_zsentinel_orphan_1700000000",
                "rpool/ROOT/pve-1",
                "rpool/a-"
            })
    void acceptsDatasets(String name) {
        assertThat(ZfsNames.dataset(name)).isEqualTo(name);
        assertThat(ZfsNames.isValidDataset(name)).isTrue();
        assertThat(ZfsNames.datasetOrSnapshot(name)).isEqualTo(name);
    }

    static Stream<Arguments> badDatasets() {
        return Stream.of(
                Arguments.of(null, "null"),
                Arguments.of("", "empty"),
                Arguments.of("rpool/data; rm -rf /", "character ';' at position 10"),
                Arguments.of("rpool/data && id", "character ' '"),
                Arguments.of("rpool/$(x)", "character '$'"),
                Arguments.of("rpool/`id`", "character '`'"),
                Arguments.of("rpool/data\nrm -rf /", "character '\\n'"),
                Arguments.of("rpool/data\r", "character '\\r'"),
                Arguments.of("rpool/da\0ta", "character '\\u0000'"),
                Arguments.of("rpool/da ta", "character ' '"),
                Arguments.of("rpool/'x'", "character '''"),
                Arguments.of("rpool/\"x\"", "character '\"'"),
                Arguments.of("rpool/x|y", "character '|'"),
                Arguments.of("rpool/x>y", "character '>'"),
                Arguments.of("rpool/x*", "character '*'"),
                Arguments.of("rpool/x\\y", "character '\\\\'"),
                Arguments.of("rpool/dätä", "character 'ä'"),
                Arguments.of("rpool/x%y", "character '%'"),
                Arguments.of("-rf", "begins with '-'"),
                Arguments.of("rpool/-rf", "begins with '-'"),
                Arguments.of("rpool/data/-o", "begins with '-'"),
                Arguments.of("/rpool", "leading '/'"),
                Arguments.of("rpool/", "trailing '/'"),
                Arguments.of("rpool//data", "'//'"),
                Arguments.of("rpool/..", "'..'"),
                Arguments.of("rpool/../etc", "'..'"),
                Arguments.of("rpool/a..b", "'..'"),
                Arguments.of("rpool/.", "is '.'"),
                Arguments.of("rpool/data@snap", "'@' belongs to snapshot names"),
                Arguments.of("rpool/data#mark", "'#' belongs to bookmark names"),
                Arguments.of("mirror/data", "reserved"),
                Arguments.of("rpool/" + "d/".repeat(49) + "d", "levels deep"),
                Arguments.of("rpool/" + "x".repeat(250), "more than 255"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badDatasets")
    void rejectsDatasets(String name, String reason) {
        assertRejected(ZfsNames::dataset, name, "dataset", reason);
        assertThat(ZfsNames.isValidDataset(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "rpool/data/subvol-101-disk-0@__replicate_101-0_1700000000__",
                "rpool@s",
                "tank/a@2024-01-01T00:00:00",
                "rpool/data@zrepl_20240101_000000_000",
                "rpool/x@a.b:c-d"
            })
    void acceptsSnapshots(String name) {
        assertThat(ZfsNames.snapshot(name)).isEqualTo(name);
        assertThat(ZfsNames.isValidSnapshot(name)).isTrue();
        assertThat(ZfsNames.datasetOrSnapshot(name)).isEqualTo(name);
    }

    static Stream<Arguments> badSnapshots() {
        return Stream.of(
                Arguments.of("rpool/data", "there is no '@'"),
                Arguments.of("@snap", "no dataset before '@'"),
                Arguments.of("rpool/data@", "is empty"),
                Arguments.of("rpool/data@a@b", "more than one '@'"),
                Arguments.of("rpool/data@a/b", "'/' is not allowed after '@'"),
                Arguments.of("rpool/data@-r", "begins with '-'"),
                Arguments.of("rpool/data@..", "'..'"),
                Arguments.of("rpool/data@.", "is '.'"),
                Arguments.of("rpool/data@snap; rm -rf /", "character ';'"),
                Arguments.of("rpool/data@$(x)", "character '$'"),
                Arguments.of("rpool/data@`x`", "character '`'"),
                Arguments.of("rpool/data@s\nx", "character '\\n'"),
                Arguments.of("rpool/data@s#m", "'#' is not allowed"),
                Arguments.of("rpool//data@s", "dataset part: empty component"),
                Arguments.of("-rpool/data@s", "dataset part: the pool name begins with '-'"),
                Arguments.of("rpool/data@" + "s".repeat(250), "more than 255"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badSnapshots")
    void rejectsSnapshots(String name, String reason) {
        assertRejected(ZfsNames::snapshot, name, "snapshot", reason);
        assertThat(ZfsNames.isValidSnapshot(name)).isFalse();
    }

    @Test
    void bookmarksUseHash() {
        assertThat(ZfsNames.bookmark("rpool/data#zsentinel_cursor")).isEqualTo("rpool/data#zsentinel_cursor");
        assertRejected(ZfsNames::bookmark, "rpool/data@x", "bookmark", "there is no '#'");
        assertRejected(ZfsNames::bookmark, "rpool/data#-x", "bookmark", "begins with '-'");
    }

    @Test
    void buildsSnapshotNamesFromValidatedParts() {
        assertThat(ZfsNames.snapshotOf("rpool/data/subvol-101-disk-0", "__replicate_101-0_1700000000__"))
                .isEqualTo("rpool/data/subvol-101-disk-0@__replicate_101-0_1700000000__");
        assertRejected(n -> ZfsNames.snapshotOf("rpool/data", n), "x;y", "snapshot short name", "character ';'");
        assertRejected(n -> ZfsNames.snapshotOf(n, "s"), "rpool data", "dataset", "character ' '");
        assertRejected(ZfsNames::snapshotName, "a/b", "snapshot short name", "character '/'");
    }

    @Test
    void lengthLimitIsTheWholeName() {
        String ds = "rpool/" + "x".repeat(249); // 255 characters: the longest allowed
        assertThat(ds).hasSize(255);
        assertThat(ZfsNames.isValidDataset(ds)).isTrue();
        assertThat(ZfsNames.isValidSnapshot(ds + "@s")).isFalse();
    }

    @Test
    void datasetOrSnapshotPicksTheRuleByTheAt() {
        assertRejected(ZfsNames::datasetOrSnapshot, "rpool/x@", "snapshot", "is empty");
        assertRejected(ZfsNames::datasetOrSnapshot, "rpool/x y", "dataset", "character ' '");
    }

    @Test
    void messageNamesTheValueOnOneLine() {
        assertThatThrownBy(() -> ZfsNames.dataset("rpool/data\n; rm -rf /"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "invalid ZFS dataset name 'rpool/data\\n; rm -rf /': character '\\n' at position 10"
                                + " is not allowed (only letters, digits, '_', '.', ':', '-', '/' between components, '@' or '#' once)");
    }

    private static void assertRejected(UnaryOperator<String> check, String name, String kind, String reason) {
        assertThatThrownBy(() -> check.apply(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid ZFS " + kind + " name '" + Printable.of(name) + "'")
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
