package io.zsentinel.executor.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.zsentinel.events.EventType;
import io.zsentinel.events.data.AuditData;
import io.zsentinel.events.data.CommandData;
import io.zsentinel.events.data.DrillData;
import io.zsentinel.events.data.ErrorClass;
import io.zsentinel.events.data.RunStage;
import io.zsentinel.executor.config.JobConfig;
import io.zsentinel.executor.drill.DrillRun;
import io.zsentinel.executor.node.ZfsNode;
import io.zsentinel.executor.run.ReplicationRun;
import io.zsentinel.executor.run.ResyncRun;
import io.zsentinel.executor.run.RunEvents;
import io.zsentinel.executor.run.RunOutcome;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link JobWork} on the nodes: {@code run}'s and {@code drill}'s classes, and what a run's end reports beyond them. */
public final class NodeJobWork implements JobWork {
    private static final Logger LOG = LoggerFactory.getLogger(NodeJobWork.class);

    private final String executorId;
    private final Map<String, ZfsNode> nodes;
    private final RunEvents events;
    private final MeterRegistry registry;
    private final Clock clock;

    public NodeJobWork(
            String executorId, Map<String, ZfsNode> nodes, RunEvents events, MeterRegistry registry, Clock clock) {
        this.executorId = executorId;
        this.nodes = Map.copyOf(nodes);
        this.events = events;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public RunOutcome run(JobConfig job, CommandData command, int failCount, AtomicBoolean cancel) {
        RunOutcome outcome;
        ZfsNode source = nodes.get(job.source());
        ZfsNode target = nodes.get(job.target());
        try {
            if (command != null && CommandData.RESYNC.equals(command.action())) {
                outcome = new ResyncRun(job, source, target, events, cancel, command.commandId(), command.issuedBy())
                        .execute(failCount);
            } else {
                outcome = new ReplicationRun(job, source, target, events, cancel).execute(failCount);
            }
        } catch (RuntimeException e) {
            LOG.error("{}: run crashed", job.key(), e);
            outcome = new RunOutcome.Failed(RunStage.PREPARE, ErrorClass.UNKNOWN, e.toString());
        }
        recordMetrics(outcome);
        if (outcome instanceof RunOutcome.Failed f && f.errorClass() == ErrorClass.HOSTKEY_MISMATCH) {
            // a security event: the SIEM sees it on the audit topic, not only as a failed job
            LOG.error("{}: SECURITY: host key of a node changed or unknown: {}", job.key(), f.message());
            events.audit(
                    job.key().toString(),
                    new AuditData(
                            "ssh.hostkey.rejected",
                            "executor/" + executorId,
                            "failure",
                            job.key().toString(),
                            f.message(),
                            Map.of("source", job.source(), "target", job.target())));
        }
        return outcome;
    }

    @Override
    public DrillData drill(JobConfig job) {
        DrillData d;
        try {
            d = new DrillRun(job, nodes.get(job.source()), nodes.get(job.target()), clock).execute(DrillData.SCHEDULE);
        } catch (RuntimeException e) {
            LOG.error("{}: drill crashed", job.key(), e);
            return null;
        }
        events.fact(
                d.completed() ? EventType.DRILL_COMPLETED : EventType.DRILL_FAILED,
                job.key().toString(),
                d);
        return d;
    }

    /** {@code zsentinel.executor.runs}{outcome, error_class}: the closed enum doubles as the label. */
    private void recordMetrics(RunOutcome outcome) {
        String errorClass =
                outcome instanceof RunOutcome.Failed f ? f.errorClass().name() : "none";
        Counter.builder("zsentinel.executor.runs")
                .description("replication runs and resyncs by outcome")
                .tag("outcome", outcome instanceof RunOutcome.Succeeded ? "success" : "failure")
                .tag("error_class", errorClass)
                .register(registry)
                .increment();
        if (outcome instanceof RunOutcome.Succeeded ok) {
            Counter.builder("zsentinel.executor.transferred")
                    .description("bytes relayed from source to target")
                    .baseUnit("bytes")
                    .register(registry)
                    .increment(ok.bytes());
        }
    }
}
