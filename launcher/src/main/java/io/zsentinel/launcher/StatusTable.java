package io.zsentinel.launcher;

import io.zsentinel.events.JobKey;
import io.zsentinel.events.state.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code zsentinel status}: the columns of {@code pvesr status} (JobID, Enabled, Target,
 * LastSync, NextSync, Duration, FailCount, State) plus what pvesr cannot tell: the effective
 * RPO against its target and the chain state. Pure: takes the statuses and the time.
 */
final class StatusTable {
    private static final DateTimeFormatter PVESR_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH:mm:ss");
    private static final String[] HEADER = {
        "JobID", "Enabled", "Target", "LastSync", "NextSync", "Duration", "FailCount", "State", "RPO", "RPOTarget", "Chain"
    };

    private StatusTable() {}

    static String render(List<JobStatus> jobs, Instant now, ZoneId zone) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        jobs.stream().sorted(Comparator.comparing(JobStatus::job)).forEach(job -> rows.add(row(job, now, zone)));
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(String.format(Locale.ROOT, "%-" + widths[i] + "s", row[i]));
                if (i < row.length - 1) {
                    line.append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String[] row(JobStatus job, Instant now, ZoneId zone) {
        Long rpo = effectiveRpoSeconds(job, now);
        return new String[] {
            jobId(job.job()),
            job.enabled() == null ? "-" : (job.enabled() ? "Yes" : "No"),
            nullToDash(job.target()),
            job.lastSync() == null ? "-" : PVESR_TIME.format(job.lastSync().atZone(zone)),
            job.nextRun() == null ? "-" : (job.nextRun().isAfter(now) ? PVESR_TIME.format(job.nextRun().atZone(zone)) : "pending"),
            job.durationMs() == null ? "-" : String.format(Locale.ROOT, "%.1f", job.durationMs() / 1000.0),
            Integer.toString(job.failCount()),
            job.state() == null ? "-" : oneLine(job.state()),
            rpo == null ? "-" : human(rpo) + (rpo > job.rpoTargetSeconds() ? " !" : ""),
            human(job.rpoTargetSeconds()),
            nullToDash(job.chain())
        };
    }

    /** The RPO now, from the sync point: it keeps growing when nothing reports. */
    static Long effectiveRpoSeconds(JobStatus job, Instant now) {
        return job.lastSync() == null ? null : Math.max(0, Duration.between(job.lastSync(), now).getSeconds());
    }

    private static String jobId(String key) {
        try {
            JobKey parsed = JobKey.parse(key);
            return parsed.cluster() + "/" + parsed.jobId();
        } catch (IllegalArgumentException e) {
            return key;
        }
    }

    static String human(long seconds) {
        if (seconds < 120) {
            return seconds + "s";
        }
        if (seconds < 7200) {
            return (seconds / 60) + "m" + (seconds % 60 == 0 ? "" : (seconds % 60) + "s");
        }
        if (seconds < 172_800) {
            return (seconds / 3600) + "h" + ((seconds % 3600) / 60 == 0 ? "" : ((seconds % 3600) / 60) + "m");
        }
        return (seconds / 86_400) + "d" + ((seconds % 86_400) / 3600 == 0 ? "" : ((seconds % 86_400) / 3600) + "h");
    }

    private static String oneLine(String s) {
        String first = s.strip().lines().findFirst().orElse("");
        return first.length() > 60 ? first.substring(0, 57) + "..." : first;
    }

    private static String nullToDash(String s) {
        return s == null ? "-" : s;
    }
}
