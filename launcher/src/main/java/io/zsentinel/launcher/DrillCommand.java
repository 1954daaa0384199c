package io.zsentinel.launcher;

import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventType;
import io.zsentinel.events.data.DrillData;
import io.zsentinel.executor.ExecutorConfig;
import io.zsentinel.executor.config.JobConfig;
import io.zsentinel.executor.drill.DrillRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zsentinel drill}: the guide's "after" checklist, a restore drill of each job now
 * ({@link DrillRun}), its evidence printed and published as {@code zsentinel.drill.completed}
 * / {@code .failed}. Exit 0 when every drill completed and was published, 1 otherwise.
 */
@Command(
        name = "drill",
        description =
                "Restore drill: clone the newest replica on the target, verify it against the source, destroy the clone.")
final class DrillCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(
            names = "--job",
            paramLabel = "JOB",
            description = "only this job (<cluster>/<vmid>-<n> or <vmid>-<n>); default: every job")
    String job;

    @Mixin
    BootstrapOption kafka;

    @Option(names = "--no-publish", description = "print the result only, publish no event")
    boolean noPublish;

    @Mixin
    OutputOption output;

    @Spec
    CommandLine.Model.CommandSpec spec;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        PipelineConfig pipeline = config.load();
        ExecutorConfig executor = pipeline.executor();
        List<JobConfig> jobs = JobNodes.select(executor, job, spec.commandLine(), config);
        String servers = noPublish ? null : kafka.resolve(pipeline);
        List<DrillData> results = new ArrayList<>();
        try (JobNodes nodes = new JobNodes(executor)) {
            for (JobConfig j : jobs) {
                results.add(new DrillRun(j, nodes.node(j.source()), nodes.node(j.target()), clock)
                        .execute(DrillData.MANUAL));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            OutputOption.printJson(out, results);
        } else {
            for (int i = 0; i < jobs.size(); i++) {
                print(out, jobs.get(i), results.get(i));
            }
        }
        boolean allCompleted = results.stream().allMatch(DrillData::completed);
        if (servers != null) {
            try (EventSender sender = new EventSender(servers)) {
                String source = Envelope.source("cli", Actor.host());
                for (int i = 0; i < jobs.size(); i++) {
                    DrillData d = results.get(i);
                    String key = jobs.get(i).key().toString();
                    sender.send(
                            pipeline.kafka().topics().events(),
                            key,
                            Envelope.of(
                                    d.completed() ? EventType.DRILL_COMPLETED : EventType.DRILL_FAILED,
                                    source,
                                    key,
                                    d,
                                    clock));
                }
            } catch (IOException e) {
                spec.commandLine()
                        .getErr()
                        .println("zsentinel: the drill events were not published: " + e.getMessage());
                return ErrorHandler.FAILURE;
            }
        }
        out.flush();
        return allCompleted ? 0 : ErrorHandler.FAILURE;
    }

    private static void print(PrintWriter out, JobConfig job, DrillData d) {
        out.printf(
                "%s %s (%s -> %s)%s%n",
                d.completed() ? "COMPLETED" : "FAILED",
                job.key(),
                d.source(),
                d.target(),
                d.completed() ? "" : ": " + d.reason() + ": " + d.detail());
        if (d.restoreMillis() != null) {
            out.printf(
                    Locale.ROOT,
                    "  restored and verified in %.1f s; the replica is %s old (the RPO a restore now would give)%n",
                    d.restoreMillis() / 1000.0,
                    d.rpoSeconds() == null ? "?" : StatusTable.human(d.rpoSeconds()));
        }
        for (DrillData.Dataset ds : d.datasets()) {
            out.printf(
                    "  %s %s@%s: %d files, %s%n",
                    ds.verified() ? "OK  " : "FAIL",
                    ds.dataset(),
                    ds.snapshot(),
                    ds.files(),
                    ds.verified()
                            ? "sha256 " + ds.replicaDigest() + " on both nodes"
                            : "replica " + ds.replicaDigest() + ", source " + ds.sourceDigest());
        }
    }
}
