package io.zsentinel.collector.topology;

import io.zsentinel.collector.CollectorConfig;
import io.zsentinel.collector.Thresholds;
import io.zsentinel.collector.finding.Emission;
import io.zsentinel.collector.finding.FindingLifecycle;
import io.zsentinel.collector.heartbeat.ExecutorFacts;
import io.zsentinel.collector.heartbeat.ExecutorState;
import io.zsentinel.collector.heartbeat.SilenceEvaluator;
import io.zsentinel.collector.job.Assignment;
import io.zsentinel.collector.job.JobEvaluation;
import io.zsentinel.collector.job.JobEvaluator;
import io.zsentinel.collector.job.JobFacts;
import io.zsentinel.collector.job.JobState;
import io.zsentinel.collector.metrics.CollectorMetrics;
import io.zsentinel.collector.pool.PoolEvaluation;
import io.zsentinel.collector.pool.PoolEvaluator;
import io.zsentinel.collector.pool.PoolState;
import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.EventType;
import io.zsentinel.events.JobKey;
import io.zsentinel.events.MalformedEventException;
import io.zsentinel.events.PoolKey;
import io.zsentinel.events.data.FindingData;
import io.zsentinel.events.data.FindingNames;
import io.zsentinel.events.data.HeartbeatData;
import io.zsentinel.events.data.PoolUsageData;
import io.zsentinel.events.kafka.DeadLetters;
import io.zsentinel.events.kafka.EventRecords;
import io.zsentinel.events.kafka.Topics;
import io.zsentinel.events.state.JobStatus;
import io.zsentinel.events.state.PoolStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector's one processor. On a record: decode (or dead-letter it and go on), fold it into
 * the job, pool or executor state, and note the subject as changed. On every wall-clock tick
 * (at most 1 s): evaluate the subjects that changed or whose time-driven deadline came, run the
 * findings lifecycle, publish findings and changed statuses. All the judging is in the pure
 * evaluators; this class only moves state in and out of the stores. The folds return the next state
 * without changing the stored one: an event that fails (to the DLQ) throws before anything is stored,
 * and leaves the state as it was.
 */
final class CollectorProcessor implements Processor<byte[], byte[], byte[], byte[]> {
    private static final Logger LOG = LoggerFactory.getLogger(CollectorProcessor.class);
    private static final String SERVICE = "collector";
    private static final String JOB = "j:";
    private static final String POOL = "p:";
    private static final String EXECUTOR = "e:";
    /** How often a started task checks whether it may run its first tick (see {@link #init}). */
    private static final Duration FIRST_TICK_CHECK = Duration.ofMillis(10);
    /**
     * How long one tick may evaluate before it lets records in. Issue 14 allows 100 ms at a time; the
     * rest is left for what a tick cannot cut (the last evaluation, a GC pause): with 50 ms the
     * longest ticks of a bench pass were 101 to 147 ms.
     */
    static final long TICK_BUDGET_MS = 30;
    /** How soon a tick that stopped at its budget goes on. */
    private static final Duration FOLLOW_UP = Duration.ofMillis(10);
    /** A task catching up is done once no record older than its start came for this long. */
    private static final long CAUGHT_UP_AFTER_MS = 50;

    private static final Set<EventType> JOB_EVENTS = EnumSet.of(
            EventType.SNAPSHOT_CREATED,
            EventType.SNAPSHOT_DESTROYED,
            EventType.SEND_STARTED,
            EventType.SEND_PROGRESS,
            EventType.SEND_COMPLETED,
            EventType.RECEIVE_COMPLETED,
            EventType.JOB_SUCCEEDED,
            EventType.JOB_FAILED,
            EventType.INVENTORY_REPORTED,
            EventType.RESYNC_STARTED,
            EventType.RESYNC_COMPLETED,
            EventType.RESYNC_REFUSED,
            EventType.DRILL_COMPLETED,
            EventType.DRILL_FAILED);

    private final CollectorConfig config;
    private final Thresholds th;
    private final Topics topics;
    private final Clock clock;
    private final CollectorMetrics metrics;
    private final String assignmentsTopic;
    private final String source;
    private final Partitioning partitioning;
    private final Readiness readiness;
    private final Agenda agenda = new Agenda();

    private ProcessorContext<byte[], byte[]> context;
    /** When this task started reading: heartbeats before it may still wait in the topic. */
    private long watchingSinceMs;

    private boolean firstTickDone;
    /** Subjects the first evaluation took, over the ticks it was spread on. */
    private long firstEvaluation;
    /** The last tick stopped at its budget with subjects still due. */
    private boolean backlog;
    /** When this task last processed a record produced before it started (-1: none yet). */
    private long lastBacklogRecordMs = -1;

    private WriteBehindStore<JobState> jobs;
    private WriteBehindStore<PoolState> pools;
    private WriteBehindStore<ExecutorState> executors;
    private KeyValueStore<String, byte[]> findings;
    private WriteBehindStore<JobStatus> jobStatus;
    private WriteBehindStore<PoolStatus> poolStatus;

    CollectorProcessor(
            CollectorConfig config,
            Topics topics,
            Clock clock,
            CollectorMetrics metrics,
            Partitioning partitioning,
            Readiness readiness) {
        this.config = config;
        this.th = config.thresholds();
        this.topics = topics;
        this.clock = clock;
        this.metrics = metrics;
        this.assignmentsTopic = CollectorTopology.assignmentsTopic(config.applicationId());
        this.source = Envelope.source(SERVICE, config.applicationId());
        this.partitioning = partitioning;
        this.readiness = readiness;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.watchingSinceMs = clock.millis();
        jobs = context.getStateStore(StoreNames.JOBS);
        pools = context.getStateStore(StoreNames.POOLS);
        executors = context.getStateStore(StoreNames.EXECUTORS);
        findings = context.getStateStore(StoreNames.FINDINGS);
        jobStatus = context.getStateStore(StoreNames.JOB_STATUS);
        poolStatus = context.getStateStore(StoreNames.POOL_STATUS);
        // after a restart or a rebalance the stores are restored from their changelogs; every
        // subject is evaluated once at the first tick, which rebuilds the agenda
        touchAll(jobs, JOB);
        touchAll(pools, POOL);
        touchAll(executors, EXECUTOR);
        readiness.started(context.taskId());
        // The API is not ready before the first tick, so it comes as soon as the task has caught up (init runs
        // once the stores are restored), not a punctuate interval later: at once when nothing waits in the topic,
        // else once the records produced before the start stop coming, which a tick must not judge without (a
        // sync made during the outage would read as a breach). The regular tick bounds the wait.
        Cancellable[] first = new Cancellable[1];
        first[0] = context.schedule(FIRST_TICK_CHECK, PunctuationType.WALL_CLOCK_TIME, ts -> {
            if (firstTickDone) {
                first[0].cancel();
            } else if (lastBacklogRecordMs < 0 || clock.millis() - lastBacklogRecordMs >= CAUGHT_UP_AFTER_MS) {
                first[0].cancel();
                tick();
            }
        });
        context.schedule(config.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, ts -> tick());
        context.schedule(FOLLOW_UP, PunctuationType.WALL_CLOCK_TIME, ts -> {
            if (backlog) {
                tick();
            }
        });
    }

    @Override
    public void close() {
        readiness.closed(context.taskId());
    }

    private void touchAll(WriteBehindStore<?> store, String prefix) {
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            it.forEachRemaining(kv -> agenda.touch(prefix + kv.key));
        }
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        if (!firstTickDone && record.timestamp() < watchingSinceMs) {
            lastBacklogRecordMs = clock.millis();
        }
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        if (topic.equals(assignmentsTopic)) {
            assign(record);
            return;
        }
        Envelope event;
        try {
            event = EventCodec.decode(record.value());
        } catch (MalformedEventException e) {
            deadLetter(record, e.reason(), e.getMessage());
            return;
        }
        String subject = event.subject() != null
                ? event.subject()
                : record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        long now = clock.millis();
        try {
            if (event.type() == EventType.EXECUTOR_HEARTBEAT) {
                heartbeat(event, now);
            } else if (event.type() == EventType.POOL_USAGE) {
                poolUsage(event, PoolKey.parse(subject).toString(), now);
            } else if (JOB_EVENTS.contains(event.type())) {
                JobKey.parse(subject); // checks it: a valid key is its own canonical form
                jobEvent(event, subject, now);
            }
            metrics.event(event.type());
            metrics.pending(agenda.pending());
        } catch (IllegalArgumentException e) {
            deadLetter(
                    record,
                    MalformedEventException.Reason.INVALID_DATA,
                    event.type().wireName() + ": subject '" + subject + "': " + e.getMessage());
        }
    }

    private void poolUsage(Envelope event, String key, long now) {
        PoolState p = pools.value(key);
        pools.put(
                key,
                PoolEvaluator.apply(
                        p == null ? PoolState.NONE : p,
                        key,
                        event.data(PoolUsageData.class),
                        JobFacts.eventMs(event, now),
                        th));
        agenda.touch(POOL + key);
    }

    private void jobEvent(Envelope event, String key, long now) {
        JobState stored = jobs.value(key);
        boolean isNew = stored == null;
        JobState s = isNew ? JobFacts.newJob(key, now) : stored;
        // progress alone need not be judged at every tick (it is most of the events while data moves);
        // a stalled transfer that moves again is, so that the stall resolves at once
        boolean progressOnly =
                !isNew && JobFacts.onlyProgress(s, event) && !s.findings.containsKey(FindingNames.JOB_STALLED);
        JobState next = JobFacts.apply(s, event, now);
        if (next == s && !isNew) {
            return; // the event changed nothing of the job
        }
        long refreshMs = th.progressRefresh().toMillis();
        if (progressOnly) {
            agenda.scheduleBy(JOB + key, now + refreshMs);
        } else {
            agenda.touch(JOB + key);
        }
        if (progressOnly && !next.transfer.progressToLog(refreshMs)) {
            // progress reports come every second per running transfer; the stored state follows them
            // every progressRefresh, as the published status does
            jobs.keepUnlogged(key, next);
        } else {
            putJob(key, next);
        }
    }

    /**
     * Records the job's state for the next flush, which writes its transfer's progress as it is now: the
     * state stored notes that (the processor's own mark, {@link io.zsentinel.collector.job.Transfer#logged}).
     */
    private void putJob(String key, JobState s) {
        jobs.put(key, s.transfer == null ? s : s.withTransfer(s.transfer.logged()));
    }

    private void heartbeat(Envelope event, long now) {
        HeartbeatData d = event.data(HeartbeatData.class);
        ExecutorFacts.Folded folded =
                ExecutorFacts.apply(executors.value(d.executorId()), d, JobFacts.eventMs(event, now));
        for (ExecutorFacts.Invalid invalid : folded.invalid()) {
            LOG.warn(
                    "heartbeat of {} names an invalid job key '{}': {}",
                    d.executorId(),
                    invalid.job(),
                    invalid.reason());
        }
        int partition = context.recordMetadata().map(RecordMetadata::partition).orElse(-1);
        boolean forwarded = false;
        for (ExecutorFacts.Change change : folded.changed()) {
            if (partitioning.owns(partition, change.jobKey())) {
                // this task holds the job: no round trip through the topic (nor a wait for this commit)
                apply(change.jobKey(), change.assignment());
            } else {
                context.forward(
                        new Record<>(
                                change.jobKey().getBytes(StandardCharsets.UTF_8),
                                JsonSerde.bytes(change.assignment()),
                                context.currentSystemTimeMs()),
                        CollectorTopology.ASSIGNMENTS_SINK);
                forwarded = true;
            }
        }
        // stored last: a job's assignment that fails leaves the executor as it was, so the next heartbeat
        // hands on the jobs again
        executors.put(d.executorId(), folded.next());
        agenda.touch(EXECUTOR + d.executorId());
        if (forwarded) {
            // the job's task reads the assignment only once this transaction commits: do not wait for the
            // commit interval (heartbeats are rare, the extra commit is cheap)
            context.commit();
        }
    }

    private void assign(Record<byte[], byte[]> record) {
        Assignment a;
        try {
            a = EventCodec.mapper().readValue(record.value(), Assignment.class);
        } catch (IOException | IllegalArgumentException e) {
            deadLetter(record, MalformedEventException.Reason.INVALID_DATA, "assignment: " + e.getMessage());
            return;
        }
        apply(new String(record.key(), StandardCharsets.UTF_8), a);
    }

    /** A heartbeat's part about a job, re-keyed through the assignments topic or owned here. */
    private void apply(String key, Assignment a) {
        JobState s = jobs.value(key);
        putJob(key, JobFacts.assign(s == null ? JobFacts.newJob(key, clock.millis()) : s, a));
        agenda.touch(JOB + key);
        metrics.pending(agenda.pending());
    }

    /**
     * One wall-clock tick: evaluate what changed or came due, the most urgent first, for at most
     * {@link #TICK_BUDGET_MS}. A burst (the first sight of many jobs, every subject after a restart)
     * is so spread over several short ticks, {@link #FOLLOW_UP} apart, and records are processed between
     * them: the stream thread is never held for the whole burst, and a deadline that comes meanwhile is
     * taken at the next of them.
     */
    void tick() {
        long started = System.nanoTime();
        long now = clock.millis();
        long until = now + TICK_BUDGET_MS;
        int evaluated = 0;
        for (String subject = agenda.poll(now); subject != null; subject = agenda.poll(now)) {
            String key = subject.substring(2);
            if (subject.startsWith(JOB)) {
                evaluateJob(key, now);
            } else if (subject.startsWith(POOL)) {
                evaluatePool(key, now);
            } else {
                evaluateExecutor(key, now);
            }
            evaluated++;
            if (clock.millis() >= until) {
                break;
            }
        }
        backlog = agenda.hasDue(now);
        metrics.pending(agenda.pending());
        metrics.tick(System.nanoTime() - started);
        firstEvaluation += evaluated;
        if (!firstTickDone && !backlog) {
            // what a restart costs before the API is ready again: the restore (init), then this evaluation
            firstTickDone = true;
            LOG.info(
                    "task {}: first evaluation of {} subjects, done {} ms after the task was initialised (its"
                            + " stores restored)",
                    context.taskId(),
                    firstEvaluation,
                    clock.millis() - watchingSinceMs);
            readiness.evaluated(context.taskId());
        }
        if (evaluated > 0 && !backlog) {
            // commit now, not at the next commit interval: what this tick published becomes visible to
            // read_committed readers at once, and commits follow the ticks instead of cutting into batches.
            // Not in the middle of a burst: a transaction per slice (10 to 40 ms each) would cost more than
            // the slices; the commit interval (1 s) still bounds how long its findings wait.
            context.commit();
        }
    }

    private void evaluateJob(String key, long now) {
        JobState s = jobs.value(key);
        if (s == null) {
            return;
        }
        JobEvaluation ev = JobEvaluator.evaluate(s, th, this::poolFree, now);
        FindingLifecycle.Step step = FindingLifecycle.step(
                s.findings, ev.conditions(), now, th.resendInterval().toMillis());
        publish(step, now);
        JobState next = s.withFindings(step.active());
        if (next != s) {
            putJob(key, next);
        }
        JobStatus previous = jobStatus.value(key);
        if (previous == null || !comparable(previous).equals(comparable(ev.status()))) {
            forwardState(key, jobStatus.putEncoded(key, ev.status()), now);
        }
        metrics.job(ev.status());
        agenda.schedule(
                JOB + key,
                Math.min(
                        Math.min(ev.nextCheckMs(), step.nextResendMs()),
                        now + th.refreshInterval().toMillis()));
    }

    private void evaluatePool(String key, long now) {
        PoolState p = pools.value(key);
        if (p == null) {
            return;
        }
        PoolEvaluation ev = PoolEvaluator.evaluate(p, th, now);
        FindingLifecycle.Step step = FindingLifecycle.step(
                p.findings(), ev.conditions(), now, th.resendInterval().toMillis());
        publish(step, now);
        PoolState next = p.withFindings(step.active());
        if (next != p) {
            pools.put(key, next);
        }
        PoolStatus previous = poolStatus.value(key);
        if (previous == null || !comparable(previous).equals(comparable(ev.status()))) {
            forwardState(key, poolStatus.putEncoded(key, ev.status()), now);
        }
        metrics.pool(ev.status());
        agenda.schedule(
                POOL + key,
                Math.min(step.nextResendMs(), now + th.refreshInterval().toMillis()));
    }

    private void evaluateExecutor(String key, long now) {
        ExecutorState x = executors.value(key);
        if (x == null) {
            return;
        }
        // a silence found before this task started stands; any other counts from the start (see SilenceEvaluator)
        SilenceEvaluator.Result r = SilenceEvaluator.evaluate(
                x, th, now, x.findings().containsKey(FindingNames.EXECUTOR_SILENT) ? Long.MIN_VALUE : watchingSinceMs);
        FindingLifecycle.Step step = FindingLifecycle.step(
                x.findings(), r.conditions(), now, th.resendInterval().toMillis());
        publish(step, now);
        ExecutorState next = x.withFindings(step.active());
        if (next != x) {
            executors.put(key, next);
        }
        agenda.schedule(
                EXECUTOR + key,
                Math.min(
                        Math.min(r.nextCheckMs(), step.nextResendMs()),
                        now + th.refreshInterval().toMillis()));
    }

    private JobEvaluator.PoolFree poolFree(String poolKey) {
        PoolStatus p = poolStatus.value(poolKey);
        if (p == null) {
            PoolState state = pools.value(poolKey);
            return state == null ? null : new JobEvaluator.PoolFree(poolKey, state.size(), state.free());
        }
        return new JobEvaluator.PoolFree(poolKey, p.size(), p.free());
    }

    private void publish(FindingLifecycle.Step step, long now) {
        for (Emission emission : step.emissions()) {
            FindingData f = emission.finding();
            if (f.firing()) {
                findings.put(f.fingerprint(), JsonSerde.bytes(f));
            } else {
                findings.delete(f.fingerprint());
            }
            Envelope envelope = Envelope.of(EventType.FINDING, source, emission.subject(), f, clock);
            ProducerRecord<String, byte[]> r = EventRecords.toRecord(topics.findings(), f.fingerprint(), envelope);
            context.forward(
                    new Record<>(r.key().getBytes(StandardCharsets.UTF_8), r.value(), now, r.headers()),
                    CollectorTopology.FINDINGS_SINK);
            metrics.finding(f.name(), f.status());
        }
    }

    /** Publishes the status JSON just stored (the same bytes: encoded once). */
    private void forwardState(String key, byte[] status, long now) {
        context.forward(new Record<>(key.getBytes(StandardCharsets.UTF_8), status, now), CollectorTopology.STATE_SINK);
    }

    /** A status without what changes every tick (the RPO measured now, the time): republish only on real change. */
    private static Object comparable(JobStatus s) {
        return s.measured(null, null);
    }

    private static Object comparable(PoolStatus s) {
        return new PoolStatus(
                s.pool(),
                s.cluster(),
                s.node(),
                s.name(),
                s.size(),
                s.allocated(),
                s.free(),
                s.health(),
                s.freeSlopeBytesPerSecond(),
                s.secondsTo80(),
                s.secondsTo95(),
                s.secondsToFull(),
                s.samples(),
                null);
    }

    private void deadLetter(Record<byte[], byte[]> record, MalformedEventException.Reason reason, String detail) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        ProducerRecord<byte[], byte[]> dlq = DeadLetters.record(
                topics.dlq(),
                SERVICE,
                meta == null ? "" : meta.topic(),
                meta == null ? -1 : meta.partition(),
                meta == null ? -1 : meta.offset(),
                record.key(),
                record.value(),
                record.headers(),
                reason,
                detail);
        context.forward(
                new Record<>(dlq.key(), dlq.value(), record.timestamp(), dlq.headers()), CollectorTopology.DLQ_SINK);
        metrics.deadLetter(reason.name());
        LOG.warn("record to the DLQ ({}): {}", reason, detail);
    }
}
