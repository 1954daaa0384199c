package io.zsentinel.events.data;

import java.time.Instant;
import java.util.List;

/**
 * {@code zsentinel.drill.completed} / {@code .failed}: a restore drill of one job, the guide's
 * "after" checklist. The newest replica snapshot of each dataset was cloned on the target (the
 * replica itself untouched), its content compared with the same snapshot on the source, and the
 * clones destroyed again. {@code restoreMillis} is how long the clones took to be readable and
 * verified; {@code rpoSeconds} the age of the restored snapshot when the drill began (the data a
 * restore at that moment would have lost). {@code reason} says why a drill failed (null when it
 * completed): {@code NO_REPLICA}, {@code NOT_ON_SOURCE}, {@code NO_SPACE}, {@code CONTENT_DIFFERS},
 * {@code UNREACHABLE}, {@code ERROR}, with {@code detail} for a person.
 */
public record DrillData(
        String drillId,
        String trigger,
        String source,
        String target,
        Instant startedAt,
        Long restoreMillis,
        Long rpoSeconds,
        List<Dataset> datasets,
        String reason,
        String detail)
        implements EventData {
    public static final String MANUAL = "manual";
    public static final String SCHEDULE = "schedule";

    public DrillData {
        Require.text(drillId, "drillId");
        if (!MANUAL.equals(trigger) && !SCHEDULE.equals(trigger)) {
            throw new IllegalArgumentException("field 'trigger' must be 'manual' or 'schedule', got " + trigger);
        }
        Require.text(source, "source");
        Require.text(target, "target");
        Require.present(startedAt, "startedAt");
        datasets = Require.list(datasets);
    }

    /**
     * One dataset of the drill: the snapshot restored (name, GUID, creation), and the content
     * digests of the clone on the target and of the same snapshot on the source ({@code files}
     * regular files; sha256 over the sorted {@code sha256sum} lines), null where not reached.
     */
    public record Dataset(
            String dataset,
            String snapshot,
            String guid,
            Instant snapshotCreatedAt,
            Long files,
            String sourceDigest,
            String replicaDigest,
            boolean verified) {
        public Dataset {
            Require.text(dataset, "dataset");
        }
    }

    public boolean completed() {
        return reason == null;
    }

    @Override
    public String hostName() {
        return target;
    }
}
