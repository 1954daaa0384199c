package io.zsentinel.executor.plan;

import java.util.List;

/** A transfer to run for one dataset. Snapshot names are the part after {@code @}. */
public sealed interface Plan extends Decision {
    /** The dataset is absent on the target: send {@code to} whole. */
    record Full(String to) implements Plan {}

    /**
     * Send {@code base..to} ({@code -I}, intermediates included) and receive with {@code -F}.
     * {@code destroyOnTarget} are this job's stale replication snapshots on the target newer than
     * the base (pvesr's prepare step), which would otherwise make the receive fail.
     */
    record Incremental(String base, String baseGuid, String to, List<String> destroyOnTarget) implements Plan {
        public Incremental {
            destroyOnTarget = List.copyOf(destroyOnTarget);
        }
    }

    /** The target already has {@code snapshot} (same GUID): nothing to send. */
    record UpToDate(String snapshot) implements Plan {}
}
