package io.zsentinel.chain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SnapshotNamesTest {
    @Test
    void replicationSnapshotsAreTheJobsOwnAndNoOneElses() {
        assertThat(SnapshotNames.forJob("101-0", 1764140400L)).isEqualTo("__replicate_101-0_1764140400__");
        assertThat(SnapshotNames.isJobs("__replicate_101-0_1764140400__", "101-0"))
                .isTrue();
        assertThat(SnapshotNames.isJobs("__replicate_101-0_1764140400__", "101-1"))
                .isFalse();
        assertThat(SnapshotNames.isJobs("__replicate_101-0_x__", "101-0")).isFalse();
        assertThat(SnapshotNames.isJobs("manual", "101-0")).isFalse();
        assertThat(SnapshotNames.epochOf(SnapshotNames.forJob("101-0", 42))).hasValue(42);
        assertThat(SnapshotNames.epochOf("manual")).isEmpty();
    }

    @Test
    void orphanNamesFollowTheSpec() {
        assertThat(SnapshotNames.orphan("rpool/data/subvol-101-disk-0", 1764140400L))
                .isEqualTo("rpool/data/subvol-101-disk-0_zsentinel_orphan_1764140400");
    }
}
