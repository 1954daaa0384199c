package io.zsentinel.executor.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.executor.scheduling.Admission.Candidate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdmissionTest {
    private static final Candidate A = new Candidate("lab/101-0", "pve1", "pve2");
    private static final Candidate B = new Candidate("lab/102-0", "pve1", "pve2");
    private static final Candidate C = new Candidate("lab/103-0", "pve3", "pve4");
    private static final Candidate D = new Candidate("lab/104-0", "pve2", "pve3");

    @Test
    void aRunningJobIsNeverStartedAgain() {
        assertThat(Admission.select(List.of(A, B), Set.of(A.job()), List.of(A), 5))
                .containsExactly(B);
    }

    @Test
    void aDuplicateInTheDueListStartsOnce() {
        assertThat(Admission.select(List.of(A, A), Set.of(), List.of(), 5)).containsExactly(A);
    }

    @Test
    void atMostKTransfersPerNodeCountingBothEnds() {
        assertThat(Admission.select(List.of(A, B, C, D), Set.of(), List.of(), 1))
                .containsExactly(A, C);
        assertThat(Admission.select(List.of(A, B, C, D), Set.of(), List.of(), 2))
                .containsExactly(A, B, C);
        assertThat(Admission.select(List.of(B, D), Set.of(A.job()), List.of(A), 1))
                .isEmpty();
        assertThat(Admission.select(List.of(C, D), Set.of(A.job()), List.of(A), 2))
                .containsExactly(C, D);
    }

    @Test
    void orderDecidesWhoGoesFirst() {
        assertThat(Admission.select(List.of(B, A), Set.of(), List.of(), 1)).containsExactly(B);
    }
}
