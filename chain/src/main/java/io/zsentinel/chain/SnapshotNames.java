package io.zsentinel.chain;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** pvesr's replication snapshot names: {@code __replicate_<jobid>_<epoch>__}. */
public final class SnapshotNames {
    private static final Pattern REPLICATE = Pattern.compile("__replicate_([1-9][0-9]{2,8}-\\d{1,9})_(\\d{1,12})__");
    private static final String ORPHAN = "_zsentinel_orphan_";

    private SnapshotNames() {}

    public static String forJob(String jobId, long epochSeconds) {
        return "__replicate_" + jobId + "_" + epochSeconds + "__";
    }

    /** True for this job's replication snapshots, never another job's or a user's. */
    public static boolean isJobs(String snapshotName, String jobId) {
        Matcher m = REPLICATE.matcher(snapshotName);
        return m.matches() && m.group(1).equals(jobId);
    }

    public static OptionalLong epochOf(String snapshotName) {
        Matcher m = REPLICATE.matcher(snapshotName);
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(2))) : OptionalLong.empty();
    }

    /** Where a resync renames a target that shares no snapshot with the source. */
    public static String orphan(String dataset, long epochSeconds) {
        return dataset + ORPHAN + epochSeconds;
    }
}
