package io.zsentinel.executor.run;

import io.zsentinel.events.EventType;
import io.zsentinel.events.data.SendProgressData;
import io.zsentinel.events.data.SendStartedData;
import io.zsentinel.events.data.TransferCompletedData;
import io.zsentinel.executor.config.JobConfig;
import io.zsentinel.executor.node.NodeFailure;
import io.zsentinel.executor.node.ZfsNode;
import io.zsentinel.executor.transfer.ProgressPacer;
import io.zsentinel.executor.transfer.Transfer;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * One dataset's stream from the source to the target with its events, the same for a run and a
 * resync, so that the collector sees every transfer alike (a resync without them looked like an
 * overdue run, and a hung one like a working one): the base held on the source while it is sent
 * (where {@code zfs hold} exists), {@code send.started} with the {@code send -nvP} estimate (where
 * it exists), the relay with {@code send.progress} at most once per {@link #PROGRESS_INTERVAL},
 * {@code send.completed} and {@code receive.completed}, and atime off on a dataset a full receive
 * created. Blocking, on the run's worker thread.
 */
final class ReportedTransfer {
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);

    private final JobConfig job;
    private final ZfsNode source;
    private final ZfsNode target;
    private final RunEvents events;
    private final String runId;
    private final AtomicBoolean cancelled;
    private final LongSupplier ticker;
    private final String subject;

    ReportedTransfer(
            JobConfig job, ZfsNode source, ZfsNode target, RunEvents events, String runId, AtomicBoolean cancelled) {
        this(job, source, target, events, runId, cancelled, System::nanoTime);
    }

    /** @param ticker monotonic nanoseconds, for the progress pacing, the rate and the durations */
    ReportedTransfer(
            JobConfig job,
            ZfsNode source,
            ZfsNode target,
            RunEvents events,
            String runId,
            AtomicBoolean cancelled,
            LongSupplier ticker) {
        this.job = job;
        this.source = source;
        this.target = target;
        this.events = events;
        this.runId = runId;
        this.cancelled = cancelled;
        this.ticker = ticker;
        this.subject = job.key().toString();
    }

    /**
     * Sends {@code ds@snap} (incrementally from {@code base}, full when null) into the target's
     * {@code ds}, with {@code receive -F} when {@code force}.
     *
     * @param guid the GUID of {@code snap} on the source, for the completed events (null if unknown)
     * @return the bytes relayed
     */
    long send(String ds, String base, String snap, String guid, boolean force) throws NodeFailure {
        String holdTag = "zsentinel_" + job.jobId();
        boolean held = false;
        if (base != null && source.capabilities().holds()) {
            try {
                held = source.hold(holdTag, ds, base);
            } catch (NodeFailure e) {
                held = false; // the send goes on without the hold, as on a ZFS without holds
            }
        }
        try {
            OptionalLong estimate = source.estimate(ds, base, snap);
            Long est = estimate.isPresent() ? estimate.getAsLong() : null;
            events.fact(
                    EventType.SEND_STARTED,
                    subject,
                    new SendStartedData(runId, source.name(), target.name(), ds, base, snap, est));
            long startNs = ticker.getAsLong();
            ProgressPacer pacer = new ProgressPacer(PROGRESS_INTERVAL, ticker);
            long bytes = Transfer.relay(
                    source.shell(),
                    source.sendCommand(ds, base, snap),
                    target.shell(),
                    target.receiveCommand(ds, force),
                    job.rateBytesPerSecond(),
                    cancelled,
                    done -> pacer.offer(done)
                            .ifPresent(rate -> events.fact(
                                    EventType.SEND_PROGRESS,
                                    subject,
                                    new SendProgressData(runId, source.name(), ds, done, est, rate))));
            long ms = (ticker.getAsLong() - startNs) / 1_000_000;
            events.fact(
                    EventType.SEND_COMPLETED,
                    subject,
                    new TransferCompletedData(runId, source.name(), ds, snap, bytes, ms, guid));
            events.fact(
                    EventType.RECEIVE_COMPLETED,
                    subject,
                    new TransferCompletedData(runId, target.name(), ds, snap, bytes, ms, guid));
            if (base == null) {
                ReplicationRun.quietAtimeOff(target, ds);
            }
            return bytes;
        } finally {
            if (held) {
                source.release(holdTag, ds, base);
            }
        }
    }
}
