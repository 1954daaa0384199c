package io.zsentinel.executor.zfs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CapabilitiesTest {
    /** Captured from the lab's zfs-fuse 0.7.0 (`zfs 2>&1`), abridged. */
    static final String ZFS_FUSE = """
            missing command
            usage: zfs command args ...
            where 'command' is one of the following:

            	create [-p] [-o property=value] ... <filesystem>
            	destroy [-rRd] <snapshot>
            	snapshot [-r] [-o property=value] ... <filesystem@snapname|volume@snapname>
            	rollback [-rRf] <snapshot>
            	rename <filesystem|volume|snapshot> <filesystem|volume|snapshot>
            	list [-rH][-d max] [-o property[,...]] [-t type[,...]] [-s property] ...
            	get [-rHp] [-d max] [-o "all" | field[,...]] [-s source[,...]]
            	send [-RDp] [-[iI] snapshot] <snapshot>
            	receive [-vnF] <filesystem|volume|snapshot>
            	receive [-vnF] -d <filesystem>
            	hold [-r] <tag> <snapshot> ...
            	holds [-r] <snapshot> ...
            	release [-r] <tag> <snapshot> ...
            """;

    /** OpenZFS 2.2 as on Proxmox VE 8, abridged. */
    static final String OPENZFS = """
            usage: zfs command args ...
            where 'command' is one of the following:

            	list [-Hp] [-r|-d max] [-o property[,...]] [-s property]...
            	    [-S property]... [-t type[,...]] [filesystem|volume|snapshot] ...
            	send [-DLPbcehnpsVvw] [-i|-I snapshot]
            	     [-R [-X dataset[,dataset]...]]     <snapshot>
            	send [-DnVvPLecw] [-i snapshot|bookmark] <filesystem|volume|snapshot>
            	send [-DnPpVvLec] [-i bookmark|snapshot] --redact <bookmark> <snapshot>
            	send [-nVvPe] -t <receive_resume_token>
            	receive [-vMnsFhu] [-o <property>=<value>] ... [-x <property>] ...
            	    <filesystem|volume|snapshot>
            	bookmark <snapshot|bookmark> <newbookmark>
            	hold [-r] <tag> <snapshot> ...
            	holds [-rHp] <snapshot> ...
            	release [-r] <tag> <snapshot> ...
            """;

    @Test
    void zfsFuseHasHoldsOnly() {
        assertThat(Capabilities.fromUsage(ZFS_FUSE)).isEqualTo(new Capabilities(false, false, true, false, false));
    }

    @Test
    void openZfsHasEverything() {
        assertThat(Capabilities.fromUsage(OPENZFS)).isEqualTo(new Capabilities(true, true, true, true, true));
    }

    @Test
    void unknownTextMeansThePortablePath() {
        assertThat(Capabilities.fromUsage("bash: zfs: command not found")).isEqualTo(Capabilities.PORTABLE);
    }
}
