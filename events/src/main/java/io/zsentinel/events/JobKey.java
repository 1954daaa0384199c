package io.zsentinel.events;

import java.util.regex.Pattern;

/**
 * {@code <cluster>/<jobid>}, the jobid in pvesr form {@code <vmid>-<n>} (e.g. {@code lab/101-0}),
 * so that jobs of a fleet of clusters never collide.
 */
public record JobKey(String cluster, String jobId) {
    static final Pattern CLUSTER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    static final Pattern JOB_ID = Pattern.compile("[1-9][0-9]{2,8}-\\d{1,9}");

    public JobKey {
        if (cluster == null || !CLUSTER.matcher(cluster).matches()) {
            throw new IllegalArgumentException("invalid cluster name '" + cluster
                    + "': letters, digits, '_', '.', '-', starting with a letter or digit, at most 63");
        }
        if (jobId == null || !JOB_ID.matcher(jobId).matches()) {
            throw new IllegalArgumentException(
                    "invalid job id '" + jobId + "': expected <vmid>-<n> as pvesr writes it, e.g. 101-0");
        }
    }

    public static JobKey parse(String key) {
        if (key == null) {
            throw new IllegalArgumentException("job key is missing: expected <cluster>/<vmid>-<n>");
        }
        int slash = key.indexOf('/');
        if (slash < 0 || key.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("invalid job key '" + key + "': expected <cluster>/<vmid>-<n>, e.g. lab/101-0");
        }
        return new JobKey(key.substring(0, slash), key.substring(slash + 1));
    }

    /** The guest id part of the job id. */
    public int vmid() {
        return Integer.parseInt(jobId.substring(0, jobId.indexOf('-')));
    }

    @Override
    public String toString() {
        return cluster + "/" + jobId;
    }
}
