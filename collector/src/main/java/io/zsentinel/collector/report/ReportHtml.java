package io.zsentinel.collector.report;

import io.zsentinel.collector.Human;
import io.zsentinel.collector.report.PeriodReport.Incident;
import io.zsentinel.collector.report.PeriodReport.JobReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The report as one self-contained HTML page: a summary table, and per job its RPO over the
 * period as an SVG sawtooth against the target line, with its chain incidents. No script and no
 * external resource, so it can be archived and mailed as it is.
 */
public final class ReportHtml {
    private static final int WIDTH = 720;
    private static final int HEIGHT = 160;

    private ReportHtml() {}

    public static String render(List<JobReport> jobs, Instant from, Instant to, Instant generatedAt) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>zsentinel RPO report ")
                .append(esc(from.toString()))
                .append(" to ")
                .append(esc(to.toString()))
                .append("</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #bbb;padding:.25em .6em;text-align:right}td:first-child,th:first-child{text-align:left}"
                        + ".bad{color:#b00}svg{background:#fafafa;border:1px solid #ddd}</style></head><body>\n")
                .append("<h1>Effective RPO, ")
                .append(esc(from.toString()))
                .append(" to ")
                .append(esc(to.toString()))
                .append("</h1>\n")
                .append("<p>Generated ")
                .append(esc(generatedAt.toString()))
                .append(" from the events zsentinel holds. ")
                .append(
                        "The effective RPO is the age of the newest snapshot on the target: what a restore would lose.</p>\n")
                .append(
                        "<table><tr><th>job</th><th>target</th><th>max RPO</th><th>p95 RPO</th><th>above target</th>"
                                + "<th>syncs</th><th>failures</th><th>chain incidents</th><th>resyncs</th><th>drills ok / failed</th></tr>\n");
        for (JobReport j : jobs) {
            boolean breached = j.secondsAboveTarget() > 0;
            out.append("<tr><td><a href=\"#")
                    .append(esc(j.job()))
                    .append("\">")
                    .append(esc(j.job()))
                    .append("</a></td><td>")
                    .append(j.rpoTargetSeconds() == 0 ? "?" : Human.duration(j.rpoTargetSeconds()))
                    .append("</td><td")
                    .append(breached ? " class=\"bad\"" : "")
                    .append(">")
                    .append(seconds(j.maxRpoSeconds()))
                    .append("</td><td>")
                    .append(seconds(j.p95RpoSeconds()))
                    .append("</td><td")
                    .append(breached ? " class=\"bad\"" : "")
                    .append(">")
                    .append(Human.duration(j.secondsAboveTarget()))
                    .append("</td><td>")
                    .append(j.syncs())
                    .append("</td><td>")
                    .append(j.failures())
                    .append("</td><td>")
                    .append(j.incidents().size())
                    .append("</td><td>")
                    .append(j.resyncs())
                    .append("</td><td>")
                    .append(j.drillsCompleted())
                    .append(" / ")
                    .append(j.drillsFailed())
                    .append("</td></tr>\n");
        }
        out.append("</table>\n");
        for (JobReport j : jobs) {
            out.append("<h2 id=\"")
                    .append(esc(j.job()))
                    .append("\">")
                    .append(esc(j.job()))
                    .append("</h2>\n")
                    .append(plot(j, from.toEpochMilli(), to.toEpochMilli()));
            if (j.coveredSeconds() < Duration.between(from, to).getSeconds()) {
                out.append("<p>No RPO known for ")
                        .append(Human.duration(Duration.between(from, to).getSeconds() - j.coveredSeconds()))
                        .append(" of the period (before the job's first sync).</p>\n");
            }
            if (!j.incidents().isEmpty()) {
                out.append("<ul>\n");
                for (Incident i : j.incidents()) {
                    out.append("<li>")
                            .append(esc(i.name()))
                            .append(" from ")
                            .append(esc(i.startsAt().toString()))
                            .append(
                                    i.resolvedAt() == null
                                            ? ", not resolved"
                                            : ", resolved " + esc(i.resolvedAt().toString()) + " ("
                                                    + Human.duration(Duration.between(i.startsAt(), i.resolvedAt())
                                                            .getSeconds())
                                                    + ")")
                            .append("</li>\n");
                }
                out.append("</ul>\n");
            }
        }
        return out.append("</body></html>\n").toString();
    }

    /** The sawtooth: each segment rises from its start to its end RPO; the target as a dashed line. */
    static String plot(JobReport j, long fromMs, long toMs) {
        double top =
                Math.max(1, Math.max(j.maxRpoSeconds() == null ? 0 : j.maxRpoSeconds(), j.rpoTargetSeconds()) * 1.1);
        StringBuilder points = new StringBuilder();
        for (RpoTimeline.Segment s : j.timeline().segments()) {
            points.append(x(s.fromMs(), fromMs, toMs))
                    .append(',')
                    .append(y((s.fromMs() - s.syncPointMs()) / 1000.0, top))
                    .append(' ')
                    .append(x(s.toMs(), fromMs, toMs))
                    .append(',')
                    .append(y((s.toMs() - s.syncPointMs()) / 1000.0, top))
                    .append(' ');
        }
        StringBuilder svg = new StringBuilder(String.format(
                Locale.ROOT,
                "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"effective RPO of %s\">",
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT,
                esc(j.job())));
        if (j.rpoTargetSeconds() > 0) {
            String ty = y(j.rpoTargetSeconds(), top);
            svg.append("<line x1=\"0\" x2=\"")
                    .append(WIDTH)
                    .append("\" y1=\"")
                    .append(ty)
                    .append("\" y2=\"")
                    .append(ty)
                    .append("\" stroke=\"#b00\" stroke-dasharray=\"4 3\"/>");
        }
        svg.append("<polyline fill=\"none\" stroke=\"#036\" stroke-width=\"1.5\" points=\"")
                .append(points.toString().strip())
                .append("\"/><text x=\"4\" y=\"12\" font-size=\"11\">")
                .append(esc(Human.duration((long) top)))
                .append("</text></svg>\n");
        return svg.toString();
    }

    private static String x(long t, long fromMs, long toMs) {
        return String.format(Locale.ROOT, "%.1f", (t - fromMs) * (double) WIDTH / (toMs - fromMs));
    }

    private static String y(double seconds, double top) {
        return String.format(Locale.ROOT, "%.1f", HEIGHT - seconds * HEIGHT / top);
    }

    private static String seconds(Long s) {
        return s == null ? "?" : Human.duration(s);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
