package io.zsentinel.collector.report;

import io.zsentinel.events.Envelope;
import io.zsentinel.events.data.DrillData;
import io.zsentinel.events.data.FindingData;
import io.zsentinel.events.data.FindingNames;
import io.zsentinel.events.data.HeartbeatData;
import io.zsentinel.events.data.JobFailedData;
import io.zsentinel.events.data.JobSucceededData;
import io.zsentinel.events.data.ResyncData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * "Document the effective RPO": per job, over a period, what the events say. Pure: the events
 * (of {@code zsentinel.events} and {@code zsentinel.findings}, in topic order, those before the
 * period included so the RPO at its start is known) in, the figures out.
 *
 * <p>A job's RPO target is the last one its executor's heartbeat gave (else {@code 0}: unknown).
 * A chain incident is an episode of {@code chain.broken} or {@code chain.at_risk} that began in
 * the period, with when it was resolved if it was; repairs are the resyncs completed in it.
 */
public final class PeriodReport {
    /** One episode of a chain finding. */
    public record Incident(String name, Instant startsAt, Instant resolvedAt) {}

    /** A job's figures over the period; RPO figures in seconds, null when no RPO is known. */
    public record JobReport(
            String job,
            long rpoTargetSeconds,
            Long maxRpoSeconds,
            Long p95RpoSeconds,
            long secondsAboveTarget,
            long coveredSeconds,
            int syncs,
            int failures,
            List<Incident> incidents,
            int resyncs,
            int drillsCompleted,
            int drillsFailed,
            Instant lastDrill,
            RpoTimeline timeline) {}

    private PeriodReport() {}

    public static List<JobReport> build(List<Envelope> events, Instant from, Instant to) {
        long fromMs = from.toEpochMilli();
        long toMs = to.toEpochMilli();
        Map<String, Acc> jobs = new TreeMap<>();
        for (Envelope e : events) {
            long t = e.time().toEpochMilli();
            if (e.data() instanceof HeartbeatData h) {
                if (t <= toMs) {
                    h.jobs().forEach(info -> acc(jobs, info.job()).target = info.rpoTargetSeconds());
                }
                continue;
            }
            if (e.data() instanceof FindingData f) {
                String job = f.labels().get("job");
                if (job != null
                        && (f.name().equals(FindingNames.CHAIN_BROKEN)
                                || f.name().equals(FindingNames.CHAIN_AT_RISK))) {
                    acc(jobs, job).finding(f, fromMs, toMs);
                }
                continue;
            }
            String job = e.subject();
            if (job == null || t > toMs) {
                continue;
            }
            boolean inPeriod = t >= fromMs;
            if (e.data() instanceof JobSucceededData d) {
                Acc a = acc(jobs, job);
                a.syncs.add(new RpoTimeline.Sync(t, d.syncPoint().toEpochMilli()));
                a.syncCount += inPeriod ? 1 : 0;
            } else if (e.data() instanceof JobFailedData && inPeriod) {
                acc(jobs, job).failures++;
            } else if (e.data() instanceof ResyncData
                    && e.type() == io.zsentinel.events.EventType.RESYNC_COMPLETED
                    && inPeriod) {
                acc(jobs, job).resyncs++;
            } else if (e.data() instanceof DrillData d && inPeriod) {
                Acc a = acc(jobs, job);
                if (d.completed()) {
                    a.drillsCompleted++;
                } else {
                    a.drillsFailed++;
                }
                a.lastDrill = e.time();
            }
        }
        List<JobReport> out = new ArrayList<>();
        jobs.forEach((job, a) -> out.add(a.report(job, fromMs, toMs)));
        return out;
    }

    private static Acc acc(Map<String, Acc> jobs, String job) {
        return jobs.computeIfAbsent(job, k -> new Acc());
    }

    private static final class Acc {
        long target;
        final List<RpoTimeline.Sync> syncs = new ArrayList<>();
        int syncCount;
        int failures;
        int resyncs;
        int drillsCompleted;
        int drillsFailed;
        Instant lastDrill;
        /** Chain episodes by fingerprint and start: the firing, then the resolved report. */
        final Map<String, Incident> incidents = new LinkedHashMap<>();

        void finding(FindingData f, long fromMs, long toMs) {
            long starts = f.startsAt().toEpochMilli();
            if (starts < fromMs || starts > toMs) {
                return;
            }
            String key = f.fingerprint() + "@" + starts;
            Incident known = incidents.get(key);
            Instant resolved = f.firing() ? (known == null ? null : known.resolvedAt()) : f.endsAt();
            incidents.put(key, new Incident(f.name(), f.startsAt(), resolved));
        }

        JobReport report(String job, long fromMs, long toMs) {
            RpoTimeline timeline = RpoTimeline.of(syncs, fromMs, toMs);
            Long max = timeline.maxMs();
            Long p95 = timeline.percentileMs(95);
            return new JobReport(
                    job,
                    target,
                    max == null ? null : max / 1000,
                    p95 == null ? null : p95 / 1000,
                    target == 0 ? 0 : timeline.timeAboveMs(target * 1000) / 1000,
                    timeline.coveredMs() / 1000,
                    syncCount,
                    failures,
                    List.copyOf(incidents.values()),
                    resyncs,
                    drillsCompleted,
                    drillsFailed,
                    lastDrill,
                    timeline);
        }
    }
}
