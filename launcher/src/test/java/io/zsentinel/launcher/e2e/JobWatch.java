package io.zsentinel.launcher.e2e;

import io.zsentinel.events.EventType;
import io.zsentinel.events.data.FindingData;
import io.zsentinel.events.data.SendProgressData;
import io.zsentinel.events.data.SendStartedData;
import io.zsentinel.launcher.e2e.KafkaRecorder.Seen;
import io.zsentinel.launcher.e2e.WebhookReceiver.Delivery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the pipeline said about one job, from the three places a person would look: the event,
 * findings and commands topics ({@link KafkaRecorder}), the collector's API over time
 * ({@link ChainSampler}) and the notifications ({@link WebhookReceiver}). Only reads.
 */
public final class JobWatch {
    /** Events that start or end a run or a resync. */
    private static final Set<EventType> RUN_MARKS = EnumSet.of(
            EventType.SNAPSHOT_CREATED, EventType.RESYNC_STARTED, EventType.JOB_SUCCEEDED, EventType.JOB_FAILED);

    public static final String CHAIN_BROKEN = "chain.broken";
    public static final String CHAIN_AT_RISK = "chain.at_risk";
    public static final String RPO_BREACHED = "rpo.breached";

    private final E2eConfig.Job job;
    private final KafkaRecorder recorder;
    private final ChainSampler sampler;
    private final WebhookReceiver webhook;

    public JobWatch(E2eConfig.Job job, KafkaRecorder recorder, ChainSampler sampler, WebhookReceiver webhook) {
        this.job = job;
        this.recorder = recorder;
        this.sampler = sampler;
        this.webhook = webhook;
    }

    public E2eConfig.Job job() {
        return job;
    }

    public String key() {
        return job.key();
    }

    // ------------------------------------------------------------------ events

    /** The job's events of one type read at or after {@code from}, in the order read. */
    public List<Seen> events(EventType type, Instant from) {
        return recorder.seen(s -> s.event().type() == type
                && key().equals(s.event().subject())
                && !s.readAt().isBefore(from));
    }

    public Seen firstEvent(EventType type, Instant from, Predicate<Seen> filter) {
        return events(type, from).stream().filter(filter).findFirst().orElse(null);
    }

    /**
     * The job's last run (or resync) ended within {@code idle} and none began since: the executor
     * is between two runs of it, the moment to cause a fault that must not cut a run in half.
     */
    public boolean betweenRuns(Duration idle) {
        List<Seen> marks = recorder.seen(s -> key().equals(s.event().subject())
                && RUN_MARKS.contains(s.event().type()));
        if (marks.isEmpty()) {
            return false;
        }
        Seen last = marks.get(marks.size() - 1);
        return (last.event().type() == EventType.JOB_SUCCEEDED || last.event().type() == EventType.JOB_FAILED)
                && last.readAt().isAfter(Instant.now().minus(idle));
    }

    /**
     * A progress report read at or after {@code from}, of an incremental send (one with a base)
     * that has moved at least {@code bytes}: a transfer is under way that a fault can cut.
     */
    public Seen incrementalSendUnderWay(Instant from, long bytes) {
        Set<String> incrementalRuns = new LinkedHashSet<>();
        for (Seen s : events(EventType.SEND_STARTED, from)) {
            SendStartedData d = s.event().data(SendStartedData.class);
            if (d.from() != null) {
                incrementalRuns.add(d.runId());
            }
        }
        return firstEvent(EventType.SEND_PROGRESS, from, s -> {
            SendProgressData d = s.event().data(SendProgressData.class);
            return incrementalRuns.contains(d.runId()) && d.bytesDone() >= bytes;
        });
    }

    // ------------------------------------------------------------------ findings

    /** Every record of the job's findings of that name (any status) read at or after {@code from}. */
    public List<Seen> findings(String name, Instant from) {
        return recorder.seen(s -> s.event().type() == EventType.FINDING
                && s.finding().name().equals(name)
                && key().equals(s.finding().labels().get("job"))
                && !s.readAt().isBefore(from));
    }

    /** The first firing record of an episode of {@code name} that started at or after {@code from}. */
    public Seen firstEpisode(String name, Instant from) {
        return findings(name, from).stream()
                .filter(s -> s.finding().firing() && !s.finding().startsAt().isBefore(from))
                .findFirst()
                .orElse(null);
    }

    /** The episodes (start times) of {@code name} that fired at or after {@code from}, re-sends counted once. */
    public List<Instant> episodes(String name, Instant from) {
        Set<Instant> starts = new LinkedHashSet<>();
        findings(name, from).stream()
                .filter(s -> s.finding().firing())
                .forEach(s -> starts.add(s.finding().startsAt()));
        return new ArrayList<>(starts);
    }

    /** A resolved record of {@code name} read at or after {@code from}. */
    public Seen resolved(String name, Instant from) {
        return findings(name, from).stream()
                .filter(s -> FindingData.RESOLVED.equals(s.finding().status()))
                .findFirst()
                .orElse(null);
    }

    /** The names of the job's findings that fired at or after {@code from}, in order of first firing. */
    public List<String> firedNames(Instant from) {
        Set<String> names = new LinkedHashSet<>();
        firing(s -> !s.readAt().isBefore(from))
                .forEach(s -> names.add(s.finding().name()));
        return new ArrayList<>(names);
    }

    /** The job's firing finding records that also pass {@code filter}. */
    private List<Seen> firing(Predicate<Seen> filter) {
        return recorder.seen(s -> s.event().type() == EventType.FINDING
                && s.finding().firing()
                && key().equals(s.finding().labels().get("job"))
                && filter.test(s));
    }

    /** The chain findings (chain.broken, chain.at_risk) that fired at or after {@code from}. */
    public List<String> firedChainFindings(Instant from) {
        return firedNames(from).stream().filter(n -> n.startsWith("chain.")).toList();
    }

    /** The chain findings whose episodes started in {@code [from, until)}: before a case's fault there must be none. */
    public List<String> chainEpisodesBetween(Instant from, Instant until) {
        Set<String> names = new LinkedHashSet<>();
        firing(s -> s.finding().name().startsWith("chain.")
                        && !s.finding().startsAt().isBefore(from)
                        && s.finding().startsAt().isBefore(until))
                .forEach(
                        s -> names.add(s.finding().name() + " at " + s.finding().startsAt()));
        return new ArrayList<>(names);
    }

    // ------------------------------------------------------------------ commands and notifications

    public List<Seen> resyncCommands(Instant from) {
        return events(EventType.COMMAND_RESYNC, from);
    }

    /** Notifications carrying an alert of this job, received at or after {@code from}. */
    public List<Delivery> deliveries(Instant from) {
        return webhook.deliveries(
                d -> !d.receivedAt().isBefore(from) && !d.alertsFor(key()).isEmpty());
    }

    /** The first notification received at or after {@code from} carrying this job's {@code alertname} in {@code status}. */
    public Delivery notified(String alertname, String status, Instant from) {
        return deliveries(from).stream()
                .filter(d -> d.alertsFor(key()).contains(alertname + ":" + status))
                .findFirst()
                .orElse(null);
    }

    /** {@code <alertname>:<status>} of every alert of this job notified at or after {@code from}, each once. */
    public List<String> notifiedAlerts(Instant from) {
        Set<String> alerts = new LinkedHashSet<>();
        deliveries(from).forEach(d -> alerts.addAll(d.alertsFor(key())));
        return new ArrayList<>(alerts);
    }

    /**
     * What happened to the job from {@code from} on, one line per run end, resync step, command
     * and finding change (re-sends left out), with seconds since {@code zero}: for the report.
     */
    public List<String> timeline(Instant from, Instant zero) {
        Set<String> shown = new LinkedHashSet<>();
        List<String> lines = new ArrayList<>();
        for (Seen s : recorder.seen(s -> !s.readAt().isBefore(from)
                && (key().equals(s.event().subject())
                        || s.event().type() == EventType.FINDING
                                && key().equals(s.finding().labels().get("job"))))) {
            String what = switch (s.event().type()) {
                case JOB_FAILED -> {
                    var d = s.event().data(io.zsentinel.events.data.JobFailedData.class);
                    yield "job.failed " + d.stage() + " " + d.errorClass();
                }
                case SNAPSHOT_CREATED -> "snapshot.created (a run began)";
                case JOB_SUCCEEDED ->
                    "job.succeeded "
                            + s.event()
                                    .data(io.zsentinel.events.data.JobSucceededData.class)
                                    .snapshot();
                case RESYNC_STARTED, RESYNC_COMPLETED, RESYNC_REFUSED ->
                    s.event().type().name().toLowerCase(java.util.Locale.ROOT) + " "
                            + s.event()
                                    .data(io.zsentinel.events.data.ResyncData.class)
                                    .plan();
                case COMMAND_RESYNC -> "command resync " + s.command().commandId();
                case FINDING -> {
                    FindingData f = s.finding();
                    yield shown.add(f.name() + f.status() + f.startsAt())
                            ? f.name() + " " + f.status() + (f.firing() ? " (" + f.summary() + ")" : "")
                            : null;
                }
                default -> null;
            };
            if (what == null) {
                continue;
            }
            String line = String.format(
                    java.util.Locale.ROOT,
                    "%+.1fs %s",
                    Duration.between(zero, s.readAt()).toMillis() / 1000.0,
                    what);
            // successes in a row are one line: "job.succeeded x12 ... until +130.9s"
            if (what.startsWith("job.succeeded")
                    && !lines.isEmpty()
                    && lines.get(lines.size() - 1).contains(" job.succeeded")) {
                String last = lines.remove(lines.size() - 1);
                java.util.regex.Matcher m =
                        java.util.regex.Pattern.compile(" x(\\d+) ").matcher(last);
                int n = m.find() ? Integer.parseInt(m.group(1)) + 1 : 2;
                String head = last.substring(0, last.indexOf(" job.succeeded"));
                line = head + " job.succeeded x" + n + " until " + line.substring(0, line.indexOf(' '));
            }
            lines.add(line);
        }
        return lines;
    }

    // ------------------------------------------------------------------ the API over time

    public List<ChainSampler.Sample> samples(Instant from) {
        return sampler.since(key(), from);
    }

    /** The chain values the API reported from {@code from} on, repeats collapsed. */
    public List<String> chainSequence(Instant from) {
        return ChainSampler.sequence(samples(from));
    }

    /** The newest sample, if any. */
    public ChainSampler.Sample lastSample() {
        List<ChainSampler.Sample> all = sampler.samples(key());
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }
}
