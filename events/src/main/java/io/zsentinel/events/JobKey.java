package io.zsentinel.events;

import java.util.regex.Pattern;

/**
 * {@code <cluster>/<jobid>}, the jobid in pvesr form {@code <vmid>-<n>} (e.g. {@code lab/101-0}),
 * so that jobs of a fleet of clusters never collide.
 */
public record JobKey(String cluster, String jobId) {
    /** The definition of a cluster name; {@link #validCluster} checks it without a matcher (once per event). */
    public static final Pattern CLUSTER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    /** The definition of a job id; {@link #validJobId} checks it without a matcher. */
    public static final Pattern JOB_ID = Pattern.compile("[1-9][0-9]{2,8}-\\d{1,9}");

    public JobKey {
        if (!validCluster(cluster)) {
            throw new IllegalArgumentException("invalid cluster name '" + cluster
                    + "': letters, digits, '_', '.', '-', starting with a letter or digit, at most 63");
        }
        if (!validJobId(jobId)) {
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
            throw new IllegalArgumentException(
                    "invalid job key '" + key + "': expected <cluster>/<vmid>-<n>, e.g. lab/101-0");
        }
        return new JobKey(key.substring(0, slash), key.substring(slash + 1));
    }

    /** True when {@code s} matches {@link #CLUSTER}. */
    static boolean validCluster(String s) {
        if (s == null || s.isEmpty() || s.length() > 63 || !alnum(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!alnum(c) && c != '_' && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** True when {@code s} matches {@link #JOB_ID}. */
    static boolean validJobId(String s) {
        if (s == null) {
            return false;
        }
        int dash = s.indexOf('-');
        return dash >= 3
                && dash <= 9
                && s.charAt(0) != '0'
                && digits(s, 0, dash)
                && s.length() - dash - 1 >= 1
                && s.length() - dash - 1 <= 9
                && digits(s, dash + 1, s.length());
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean alnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
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
