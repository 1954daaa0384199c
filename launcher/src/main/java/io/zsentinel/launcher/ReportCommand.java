package io.zsentinel.launcher;

import io.zsentinel.collector.report.PeriodReport;
import io.zsentinel.collector.report.PeriodReport.JobReport;
import io.zsentinel.collector.report.ReportCsv;
import io.zsentinel.collector.report.ReportHtml;
import io.zsentinel.events.Envelope;
import io.zsentinel.events.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zsentinel report}: "document the effective RPO", per job over a period, from what Kafka
 * holds ({@link PeriodReport}): max and p95 RPO, time above target, syncs, failures, chain
 * incidents and their repairs, drills; as HTML with plots and as CSV.
 */
@Command(
        name = "report",
        description = "Write the effective RPO report of a period (HTML with plots, CSV) from the events Kafka holds.")
final class ReportCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Mixin
    BootstrapOption kafka;

    @Option(
            names = "--from",
            paramLabel = "TIME",
            description = "start of the period, RFC 3339 (default: 30 days before --to)")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "end of the period, RFC 3339 (default: now)")
    String to;

    @Option(names = "--html", paramLabel = "FILE", description = "write the HTML report here")
    Path html;

    @Option(names = "--csv", paramLabel = "FILE", description = "write the CSV here")
    Path csv;

    @Mixin
    OutputOption output;

    @Spec
    CommandLine.Model.CommandSpec spec;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        Instant end = to == null ? clock.instant() : time("--to", to);
        Instant start = from == null ? end.minus(Duration.ofDays(30)) : time("--from", from);
        if (!end.isAfter(start)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--from: must be before --to");
        }
        PipelineConfig pipeline = config.load();
        String servers = kafka.resolve(pipeline);
        Topics topics = pipeline.kafka().topics();
        List<Envelope> events =
                new ArrayList<>(TopicReader.readAll(servers, List.of(topics.events(), topics.findings())));
        events.sort(Comparator.comparing(Envelope::time)); // partitions interleaved by when things happened
        List<JobReport> jobs = PeriodReport.build(events, start, end);
        if (html != null) {
            Files.writeString(html, ReportHtml.render(jobs, start, end, clock.instant()), StandardCharsets.UTF_8);
        }
        if (csv != null) {
            Files.writeString(csv, ReportCsv.render(jobs), StandardCharsets.UTF_8);
        }
        if (output.json()) {
            OutputOption.printJson(
                    spec.commandLine().getOut(),
                    jobs.stream().map(ReportCommand::withoutTimeline).toList());
        } else if (html == null && csv == null) {
            spec.commandLine().getOut().print(ReportCsv.render(jobs).replace("\r\n", "\n"));
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The figures without the sawtooth's segments (the HTML plots those). */
    private static Map<String, Object> withoutTimeline(JobReport j) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("job", j.job());
        m.put("rpoTargetSeconds", j.rpoTargetSeconds());
        m.put("maxRpoSeconds", j.maxRpoSeconds());
        m.put("p95RpoSeconds", j.p95RpoSeconds());
        m.put("secondsAboveTarget", j.secondsAboveTarget());
        m.put("coveredSeconds", j.coveredSeconds());
        m.put("syncs", j.syncs());
        m.put("failures", j.failures());
        m.put("incidents", j.incidents());
        m.put("resyncs", j.resyncs());
        m.put("drillsCompleted", j.drillsCompleted());
        m.put("drillsFailed", j.drillsFailed());
        m.put("lastDrill", j.lastDrill());
        return m;
    }

    private Instant time(String option, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), option + ": not an RFC 3339 time: '" + text + "'");
        }
    }
}
