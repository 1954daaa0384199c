package io.zsentinel.launcher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zsentinel.common.config.ConfigException;
import io.zsentinel.common.config.Durations;
import io.zsentinel.common.config.Secret;
import io.zsentinel.events.CommandSigner;
import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.EventType;
import io.zsentinel.events.JobKey;
import io.zsentinel.events.data.AuditData;
import io.zsentinel.events.data.CommandData;
import io.zsentinel.executor.config.JobConfig;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code run-now} and {@code resync}: a command signed with the configuration's
 * {@code commandSecret}, audited as {@code command.issued}, sent on {@code zsentinel.commands},
 * and the executor's answer (its {@code command.accepted} / {@code command.rejected} audit)
 * printed. Exit 0 accepted, 1 rejected, 2 bad arguments or configuration, 3 no answer in time
 * (no executor owns the job, or it is down: the command expires unanswered).
 */
abstract class CommandVerb implements Callable<Integer> {
    static final int NO_ANSWER = 3;

    @Parameters(
            index = "0",
            paramLabel = "JOB",
            description = "the job: <cluster>/<vmid>-<n>, or <vmid>-<n> in the executor's cluster")
    String job;

    @Mixin
    ConfigOption config;

    @Mixin
    BootstrapOption kafka;

    @Option(names = "--reason", description = "why, for the audit (default: requested from the command line)")
    String reason;

    @Option(
            names = "--wait",
            paramLabel = "DURATION",
            defaultValue = "30s",
            description = "how long to wait for the executor's answer (default: ${DEFAULT-VALUE})")
    String wait;

    @Option(
            names = "--valid-for",
            paramLabel = "DURATION",
            defaultValue = "10m",
            description =
                    "the command expires after this; an executor that is down until then never runs it (default: ${DEFAULT-VALUE})")
    String validFor;

    @Mixin
    OutputOption output;

    @Spec
    CommandLine.Model.CommandSpec spec;

    Clock clock = Clock.systemUTC();

    /** {@link CommandData#RUN_NOW} or {@link CommandData#RESYNC}. */
    abstract String action();

    abstract EventType type();

    boolean dryRun() {
        return false;
    }

    @Override
    public Integer call() throws Exception {
        Duration waitFor = duration("--wait", wait);
        Duration valid = duration("--valid-for", validFor);
        PipelineConfig pipeline = config.load();
        JobKey key = jobKey(pipeline);
        Secret secret = pipeline.executor()
                .commandSecret()
                .or(() -> Optional.ofNullable(pipeline.alerting().resync().secret()))
                .orElseThrow(() -> new ConfigException(
                        "executor.commandSecret",
                        "is not set in " + config + ": commands are signed with the secret the executor checks"));
        String servers = kafka.resolve(pipeline);
        String actor = "cli/" + Actor.name();
        Instant now = clock.instant();
        CommandData command = new CommandSigner(secret.bytes())
                .sign(new CommandData(
                        UUID.randomUUID().toString(),
                        action(),
                        key.toString(),
                        actor,
                        reason == null ? "requested from the command line" : reason,
                        now,
                        now.plus(valid),
                        dryRun(),
                        null));
        String source = Envelope.source("cli", Actor.host());
        try (CommandChannel channel =
                CommandChannel.open(servers, pipeline.kafka().topics())) {
            channel.send(
                    key.toString(),
                    Envelope.of(
                            EventType.AUDIT,
                            source,
                            key.toString(),
                            new AuditData(
                                    "command.issued",
                                    actor,
                                    "success",
                                    key.toString(),
                                    command.reason(),
                                    Map.of("commandId", command.commandId(), "command", action())),
                            clock),
                    pipeline.kafka().topics().audit());
            channel.send(
                    key.toString(),
                    Envelope.of(type(), source, key.toString(), command, clock),
                    pipeline.kafka().topics().commands());
            return report(command, channel.answer(command.commandId(), waitFor).orElse(null), waitFor);
        }
    }

    private int report(CommandData command, Envelope answered, Duration waitFor) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        AuditData answer = answered == null ? null : answered.data(AuditData.class);
        boolean accepted = answer != null && "command.accepted".equals(answer.action());
        if (output.json()) {
            ObjectNode node = EventCodec.mapper().createObjectNode();
            node.put("commandId", command.commandId());
            node.put("command", command.action());
            node.put("job", command.job());
            node.put("dryRun", command.dryRun());
            node.put("answer", answer == null ? "none" : accepted ? "accepted" : "rejected");
            node.put("reason", answer == null ? "no answer within " + Durations.format(waitFor) : answer.reason());
            node.put("executor", answered == null ? null : answered.source());
            OutputOption.printJson(out, node);
        } else if (answer == null) {
            out.printf(
                    "%s %s (%s): no answer within %s: no executor owns the job, or it is down (the command expires at %s)%n",
                    command.action(),
                    command.job(),
                    command.commandId(),
                    Durations.format(waitFor),
                    command.expiresAt());
        } else {
            out.printf(
                    "%s %s (%s): %s by %s: %s%n",
                    command.action(),
                    command.job(),
                    command.commandId(),
                    accepted ? "accepted" : "rejected",
                    answered.source(),
                    answer.reason());
        }
        out.flush();
        return answer == null ? NO_ANSWER : accepted ? 0 : ErrorHandler.FAILURE;
    }

    /** The job as the executor names it; checked against the configuration's jobs when it lists any. */
    private JobKey jobKey(PipelineConfig pipeline) {
        String text = job.contains("/") ? job : pipeline.executor().cluster() + "/" + job;
        JobKey key;
        try {
            key = JobKey.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "JOB: " + e.getMessage());
        }
        List<JobConfig> jobs = pipeline.executor().jobs();
        if (!jobs.isEmpty() && jobs.stream().noneMatch(j -> j.key().equals(key))) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "JOB: no job " + key + " in " + config + " (its jobs: "
                            + String.join(
                                    ", ",
                                    jobs.stream().map(j -> j.key().toString()).toList()) + ")");
        }
        return key;
    }

    private Duration duration(String option, String text) {
        try {
            Duration d = Durations.parse(text);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("must be more than 0");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }
}
