package io.zsentinel.launcher;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zsentinel.events.EventCodec;
import io.zsentinel.executor.ExecutorConfig;
import io.zsentinel.executor.config.JobConfig;
import io.zsentinel.executor.preflight.PreflightCheck;
import io.zsentinel.executor.preflight.PreflightJudge;
import io.zsentinel.executor.preflight.PreflightProbe;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zsentinel preflight}: the guide's "before" checklist, checked for real on the nodes of
 * each job ({@link PreflightJudge} lists the checks). One line per check; exit 0 when all are
 * OK, 1 with a warning, 2 with a failure, as Nagios plugins do.
 */
@Command(
        name = "preflight",
        description = "Check, on the nodes, that a job can replicate: SSH, disks, target space, bandwidth, schedule.")
final class PreflightCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(
            names = "--job",
            paramLabel = "JOB",
            description = "only this job (<cluster>/<vmid>-<n> or <vmid>-<n>); default: every job")
    String job;

    @Option(
            names = "--scratch-mib",
            defaultValue = "32",
            paramLabel = "MIB",
            description = "MiB of random data the timed transfer sends, 1-4096 (default: ${DEFAULT-VALUE})")
    int scratchMiB;

    @Mixin
    OutputOption output;

    @Spec
    CommandLine.Model.CommandSpec spec;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        if (scratchMiB < 1 || scratchMiB > 4096) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--scratch-mib: must be 1-4096, got " + scratchMiB);
        }
        ExecutorConfig executor = config.load().executor();
        List<JobConfig> jobs = JobNodes.select(executor, job, spec.commandLine(), config);
        PreflightProbe probe = new PreflightProbe(clock, executor.timezone(), scratchMiB);
        PreflightCheck.Status worst = PreflightCheck.Status.OK;
        ArrayNode json = EventCodec.mapper().createArrayNode();
        PrintWriter out = spec.commandLine().getOut();
        try (JobNodes nodes = new JobNodes(executor)) {
            for (JobConfig j : jobs) {
                Map<String, String> pinned = new LinkedHashMap<>();
                for (String n : List.of(j.source(), j.target())) {
                    pinned.put(n, nodes.pinnedKey(n));
                }
                List<PreflightCheck> checks =
                        PreflightJudge.judge(probe.probe(j, nodes.node(j.source()), nodes.node(j.target()), pinned));
                PreflightCheck.Status status = PreflightJudge.worst(checks);
                worst = worst.worst(status);
                if (output.json()) {
                    ObjectNode node = json.addObject();
                    node.put("job", j.key().toString());
                    node.put("status", status.name());
                    node.set("checks", EventCodec.mapper().valueToTree(checks));
                } else {
                    print(out, j, status, checks);
                }
            }
        }
        if (output.json()) {
            OutputOption.printJson(out, json);
        }
        out.flush();
        return worst.exitCode();
    }

    private static void print(
            PrintWriter out, JobConfig job, PreflightCheck.Status status, List<PreflightCheck> checks) {
        out.printf("%s %s (%s -> %s)%n", status, job.key(), job.source(), job.target());
        int width = checks.stream().mapToInt(c -> c.name().length()).max().orElse(0);
        for (PreflightCheck c : checks) {
            out.printf("  %-4s  %-" + width + "s  %s%n", c.status(), c.name(), c.measured());
            if (c.fix() != null) {
                out.printf("        %" + width + "s  fix: %s%n", "", c.fix());
            }
        }
    }
}
