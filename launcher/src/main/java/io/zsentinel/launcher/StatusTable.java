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
import java.util.Map;

/**
 * {@code zsentinel status}: the columns of {@code pvesr status} (JobID, Enabled, Target,
 * LastSync, NextSync, Duration, FailCount, State) plus what pvesr cannot tell: the effective
 * RPO against its target, the chain state, and the findings that fire for the job (a drill
 * overdue or failed, a stall, ...). Pure: takes the statuses, the findings and the time.
 */
final class StatusTable {
    private static final DateTimeFormatter PVESR_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH:mm:ss");
    private static final String[] HEADER = {
        "JobID",
        "Enabled",
        "Target",
        "LastSync",
        "NextSync",
        "Duration",
        "FailCount",
        "State",
        "RPO",
        "RPOTarget",
        "Chain",
        "Findings"
    };

    private StatusTable() {}

    static String render(List<JobStatus> jobs, Instant now, ZoneId zone) {
        return render(jobs, Map.of(), now, zone);
    }

    /** @param findings per job key, the names of its firing findings */
    static String render(List<JobStatus> jobs, Map<String, List<String>> findings, Instant now, ZoneId zone) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        jobs.stream()
                .sorted(Comparator.comparing(JobStatus::job))
                .forEach(job -> rows.add(row(job, findings.getOrDefault(job.job(), List.of()), now, zone)));
        return Columns.align(rows);
    }

    private static String[] row(JobStatus job, List<String> findings, Instant now, ZoneId zone) {
        Long rpo = effectiveRpoSeconds(job, now);
        return new String[] {
            jobId(job.job()),
            job.enabled() == null ? "-" : (job.enabled() ? "Yes" : "No"),
            Columns.orDash(job.target()),
            job.lastSync() == null ? "-" : PVESR_TIME.format(job.lastSync().atZone(zone)),
            job.nextRun() == null
                    ? "-"
                    : (job.nextRun().isAfter(now)
                            ? PVESR_TIME.format(job.nextRun().atZone(zone))
                            : "pending"),
            job.durationMs() == null ? "-" : String.format(Locale.ROOT, "%.1f", job.durationMs() / 1000.0),
            Integer.toString(job.failCount()),
            job.state() == null ? "-" : Columns.oneLine(job.state(), 60),
            rpo == null ? "-" : human(rpo) + (rpo > job.rpoTargetSeconds() ? " !" : ""),
            human(job.rpoTargetSeconds()),
            Columns.orDash(job.chain()),
            findings.isEmpty()
                    ? "-"
                    : String.join(",", findings.stream().sorted().toList())
        };
    }

    /** The RPO now, from the sync point: it keeps growing when nothing reports. */
    static Long effectiveRpoSeconds(JobStatus job, Instant now) {
        return job.lastSync() == null
                ? null
                : Math.max(0, Duration.between(job.lastSync(), now).getSeconds());
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
}
