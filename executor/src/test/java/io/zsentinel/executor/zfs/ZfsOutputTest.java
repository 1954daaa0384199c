package io.zsentinel.executor.zfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zsentinel.chain.Snapshot;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Outputs captured from the lab's zfs-fuse, and OpenZFS's {@code -p} forms. */
class ZfsOutputTest {
    private static final String DS = "rpool/data/subvol-299-disk-0";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            nullValues = "null",
            value = {
                "0,0", "512,512", "503316480,503316480", "112K,114688", "480M,503316480", "1.2G,1288490189",
                "63.5K,65024", "0B,0", "1.50T,1649267441664", "16.0E,18446744073709551616", "-,null", "none,null",
                "471M,493879296", "1K,1024", "2.00K,2048"
            })
    void sizes(String text, String bytes) {
        if ("18446744073709551616".equals(bytes)) {
            assertThatThrownBy(() -> Sizes.parse(text)).isInstanceOf(ArithmeticException.class);
            return;
        }
        assertThat(Sizes.parse(text)).isEqualTo(bytes == null ? null : Long.valueOf(bytes));
    }

    @Test
    void sizeRejectsGarbage() {
        assertThatThrownBy(() -> Sizes.parse("12Q")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sizes.parse("abc")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void zfsGetExact() {
        String out = String.join(
                "\n",
                DS + "\tguid\t10732110869733348074",
                DS + "\tcreation\t1795678480",
                DS + "\tcreatetxg\t16",
                DS + "\tused\t114688",
                DS + "\treferenced\t114688",
                DS + "\tavailable\t494231552",
                DS + "@b\tguid\t222",
                DS + "@b\tcreation\t1795678490",
                DS + "@b\tcreatetxg\t30",
                DS + "@b\tused\t0",
                DS + "@b\treferenced\t114688",
                DS + "@b\tavailable\t-",
                DS + "@a\tguid\t14637083865228929899",
                DS + "@a\tcreation\t1795678480",
                DS + "@a\tcreatetxg\t21",
                DS + "@a\tused\t0",
                DS + "@a\treferenced\t114688",
                DS + "@a\tavailable\t-",
                DS + "/child@x\tguid\t9",
                DS + "/child@x\tcreation\t1795678480",
                "");
        DatasetInventory inv = ZfsOutput.parseGet(DS, out, ZoneOffset.UTC);
        assertThat(inv.exists()).isTrue();
        assertThat(inv.used()).isEqualTo(114688L);
        assertThat(inv.available()).isEqualTo(494231552L);
        assertThat(inv.snapshots()).extracting(Snapshot::name).containsExactly("a", "b");
        assertThat(inv.snapshots().get(0))
                .isEqualTo(
                        Snapshot.of("a", "14637083865228929899", Instant.ofEpochSecond(1795678480), 21L, 0L, 114688L));
    }

    @Test
    void zfsGetHuman() {
        String out = String.join(
                "\n",
                DS + "\tguid\t9.31E",
                DS + "\tcreation\tThu Nov 26  7:34 2026",
                DS + "\tused\t112K",
                DS + "\tavailable\t471M",
                DS + "@a\tguid\t14637083865228929899",
                DS + "@a\tcreation\tThu Nov 26  7:34 2026",
                DS + "@a\tcreatetxg\t-",
                DS + "@a\treferenced\t112K");
        DatasetInventory inv = ZfsOutput.parseGet(DS, out, ZoneOffset.UTC);
        assertThat(inv.available()).isEqualTo(471L * 1024 * 1024);
        Snapshot a = inv.snapshots().get(0);
        assertThat(a.creation()).isEqualTo(Instant.parse("2026-11-26T07:34:00Z"));
        assertThat(a.txg()).isNull();
        assertThat(a.referenced()).isEqualTo(112L * 1024);
    }

    @Test
    void zfsGetOfNothingIsAbsent() {
        assertThat(ZfsOutput.parseGet(DS, "", ZoneOffset.UTC)).isEqualTo(DatasetInventory.absent(DS));
    }

    @Test
    void snapshotListWithAndWithoutP() {
        String exact = "rpool/data/a@s2\t2\t200\t20\nrpool/data/a@s1\t1\t100\t10\nrpool/data/b@s\t3\t100\t11\n";
        Map<String, List<Snapshot>> m =
                ZfsOutput.parseSnapshotList(exact, List.of("name", "guid", "creation", "createtxg"), ZoneOffset.UTC);
        assertThat(m.get("rpool/data/a")).extracting(Snapshot::name).containsExactly("s1", "s2");
        assertThat(m.get("rpool/data/b")).hasSize(1);
        String human = "rpool/data/a@s1\t7\tWed Oct 21  9:05 2015\t112K\n";
        Snapshot s = ZfsOutput.parseSnapshotList(human, List.of("name", "guid", "creation", "used"), ZoneOffset.UTC)
                .get("rpool/data/a")
                .get(0);
        assertThat(s.creation()).isEqualTo(Instant.parse("2015-10-21T09:05:00Z"));
        assertThat(s.used()).isEqualTo(114688L);
        assertThatThrownBy(() -> ZfsOutput.parseSnapshotList(
                        "rpool/x\t1\t2\n", List.of("name", "guid", "creation"), ZoneOffset.UTC))
                .hasMessageContaining("not a snapshot");
    }

    @Test
    void zpoolListHumanAndExact() {
        assertThat(ZfsOutput.parsePools("rpool\t504M\t948K\t503M\t0%\tONLINE\nsmall\t59.5M\t1.2G\t-\t-\tDEGRADED\n"))
                .containsExactly(
                        new ZfsOutput.PoolLine("rpool", 528482304L, 970752L, 527433728L, 0, "ONLINE"),
                        new ZfsOutput.PoolLine("small", 62390272L, 1288490189L, 0L, null, "DEGRADED"));
        assertThat(ZfsOutput.parsePools("rpool\t536870912\t1048576\t535822336\t0\tONLINE\n"))
                .containsExactly(new ZfsOutput.PoolLine("rpool", 536870912L, 1048576L, 535822336L, 0, "ONLINE"));
        assertThatThrownBy(() -> ZfsOutput.parsePools("rpool\t1\n")).hasMessageContaining("expected 6");
    }
}
