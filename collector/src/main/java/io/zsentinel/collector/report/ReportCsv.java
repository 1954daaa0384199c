package io.zsentinel.collector.report;

import io.zsentinel.collector.report.PeriodReport.JobReport;
import java.util.List;

/** The report as CSV (RFC 4180), one row per job; durations in seconds, empty when unknown. */
public final class ReportCsv {
    public static final String HEADER = "job,rpo_target_seconds,max_rpo_seconds,p95_rpo_seconds,seconds_above_target,"
            + "covered_seconds,syncs,failures,chain_incidents,chain_incidents_open,resyncs,drills_completed,drills_failed,last_drill";

    private ReportCsv() {}

    public static String render(List<JobReport> jobs) {
        StringBuilder out = new StringBuilder(HEADER).append("\r\n");
        for (JobReport j : jobs) {
            long open =
                    j.incidents().stream().filter(i -> i.resolvedAt() == null).count();
            out.append(quote(j.job()))
                    .append(',')
                    .append(j.rpoTargetSeconds())
                    .append(',')
                    .append(orEmpty(j.maxRpoSeconds()))
                    .append(',')
                    .append(orEmpty(j.p95RpoSeconds()))
                    .append(',')
                    .append(j.secondsAboveTarget())
                    .append(',')
                    .append(j.coveredSeconds())
                    .append(',')
                    .append(j.syncs())
                    .append(',')
                    .append(j.failures())
                    .append(',')
                    .append(j.incidents().size())
                    .append(',')
                    .append(open)
                    .append(',')
                    .append(j.resyncs())
                    .append(',')
                    .append(j.drillsCompleted())
                    .append(',')
                    .append(j.drillsFailed())
                    .append(',')
                    .append(j.lastDrill() == null ? "" : j.lastDrill().toString())
                    .append("\r\n");
        }
        return out.toString();
    }

    private static String orEmpty(Long v) {
        return v == null ? "" : v.toString();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
