package io.zsentinel.collector.job;

import io.zsentinel.chain.ChainDiff;
import io.zsentinel.chain.ChainState;
import io.zsentinel.chain.ChainView;
import io.zsentinel.chain.Common;
import io.zsentinel.chain.Snapshot;
import io.zsentinel.collector.Human;
import io.zsentinel.collector.Thresholds;
import io.zsentinel.collector.finding.Condition;
import io.zsentinel.events.JobKey;
import io.zsentinel.events.data.ErrorClass;
import io.zsentinel.events.data.FindingNames;
import io.zsentinel.events.state.JobStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A job's status and finding conditions at an instant, from its {@link JobState}. Pure: the
 * time and the pools are passed in. The effective RPO is measured from the creation of the
 * newest snapshot present on the target with the source's GUID (the worst over the job's
 * datasets), falling back to the last job.succeeded's sync point before any inventory, or when a
 * success is newer than every inventory.
 */
public final class JobEvaluator {
    private JobEvaluator() {}

    /**
     * @param pools the latest status of a pool by pool key, or null when unknown
     */
    public static JobEvaluation evaluate(JobState s, Thresholds th, Function<String, PoolFree> pools, long nowMs) {
        List<DatasetChain> datasets = datasets(s, pools);
        ChainState chain = datasets.isEmpty() ? ChainState.UNKNOWN : ChainState.OK;
        String chainEvidence = datasets.isEmpty() ? "no inventory yet" : null;
        int backlogCount = 0;
        long backlogBytes = 0;
        boolean anyPair = false;
        boolean missingRecovery = false;
        Long inventorySync = null;
        String inventorySnapshot = null;
        long newestInventoryMs = 0;
        for (DatasetChain d : datasets) {
            ChainView r = d.chain();
            if (r.state().ordinal() > chain.ordinal() || chainEvidence == null) {
                chainEvidence = d.dataset() + ": " + r.evidence();
            }
            chain = chain.worst(r.state());
            backlogCount += r.backlog().size();
            backlogBytes += r.backlogBytes();
            Inventory src = s.sourceInventory.get(d.dataset());
            Inventory dst = s.targetInventory.get(d.targetDataset());
            if (src != null && dst != null) {
                anyPair = true;
                newestInventoryMs = Math.max(newestInventoryMs, Math.max(src.reportedMs, dst.reportedMs));
                Snapshot recovery = r.newestCommon().map(Common::source).orElse(null);
                if (recovery == null) {
                    missingRecovery = true;
                } else if (inventorySync == null || recovery.creationMs() < inventorySync) {
                    inventorySync = recovery.creationMs();
                    inventorySnapshot = recovery.name();
                }
            }
        }
        if (missingRecovery) {
            inventorySync = null;
            inventorySnapshot = null;
        }
        if (chain == ChainState.OK && JobFacts.failingNow(s) && s.lastErrorClass == ErrorClass.NO_SPACE) {
            // the executor's receive did not fit: the target pool cannot take the next delta, whatever its figures say
            chain = ChainState.AT_RISK;
            chainEvidence = "the last receive failed for lack of space on " + nodeOr(s.target, "the target") + ": "
                    + firstLine(s.lastError);
        }
        if (JobFacts.chainLostByFailure(s)) {
            chain = ChainState.BROKEN;
            boolean lastIsTheLoss =
                    s.chainLostBy == null || s.chainLostMs == null || s.chainLostMs.equals(s.lastFailureMs);
            chainEvidence = lastIsTheLoss
                    ? "the last run failed with " + s.lastErrorClass + " at " + s.lastStage + ": "
                            + firstLine(s.lastError)
                    : "a run failed with " + firstLine(s.chainLostBy) + "; the last failure since, " + s.lastErrorClass
                            + " at " + s.lastStage + ", did not mend it";
        }

        Long syncMs;
        String syncSnapshot;
        boolean successIsNewer = s.lastSuccessMs != null && s.lastSuccessMs > newestInventoryMs;
        if (!anyPair || (successIsNewer && (inventorySync == null || s.syncPointMs > inventorySync))) {
            syncMs = s.syncPointMs;
            syncSnapshot = s.syncSnapshot;
        } else {
            syncMs = inventorySync;
            syncSnapshot = inventorySnapshot;
        }

        long targetSeconds = rpoTargetSeconds(s, th);
        long targetMs = targetSeconds * 1000;
        long baselineMs = syncMs != null ? syncMs : s.firstSeenMs;
        long rpoMs = Math.max(0, nowMs - baselineMs);
        Long effectiveRpoSeconds = syncMs == null ? null : rpoMs / 1000;

        Map<String, String> baseLabels = labels(s);
        Map<String, String> annotations = new LinkedHashMap<>();
        if (effectiveRpoSeconds != null) {
            annotations.put("rpo_seconds", Long.toString(effectiveRpoSeconds));
        }
        annotations.put("rpo_target_seconds", Long.toString(targetSeconds));
        if (JobFacts.failingNow(s)) {
            annotations.put("error_class", s.lastErrorClass == null ? null : s.lastErrorClass.name());
        }
        annotations.put("chain", chain.name());

        List<Condition> conditions = new ArrayList<>();
        long nextCheck = Long.MAX_VALUE;

        // rpo.breached
        long criticalMs = (long) (targetMs * th.rpoCriticalFactor());
        if (rpoMs > targetMs) {
            String severity = rpoMs > criticalMs ? FindingNames.CRITICAL : FindingNames.WARNING;
            String summary = syncMs != null
                    ? s.job + ": effective RPO " + Human.duration(rpoMs / 1000) + " exceeds target "
                            + Human.duration(targetSeconds) + " (newest snapshot on " + nodeOr(s.target, "the target")
                            + " is " + syncSnapshot + ")"
                    : s.job + ": no snapshot of the job is on " + nodeOr(s.target, "the target")
                            + " with the source's GUID; " + Human.duration(rpoMs / 1000)
                            + " since the collector first saw the job exceeds target " + Human.duration(targetSeconds);
            conditions.add(condition(
                    s, FindingNames.RPO_BREACHED, severity, baseLabels, annotations, summary, (double) (rpoMs / 1000)));
            if (severity.equals(FindingNames.WARNING)) {
                nextCheck = Math.min(nextCheck, baselineMs + criticalMs + 1);
            }
        } else {
            nextCheck = Math.min(nextCheck, baselineMs + targetMs + 1);
        }

        // chain.at_risk / chain.broken
        if (chain == ChainState.AT_RISK) {
            conditions.add(condition(
                    s,
                    FindingNames.CHAIN_AT_RISK,
                    FindingNames.WARNING,
                    baseLabels,
                    annotations,
                    s.job + ": chain at risk, " + chainEvidence,
                    null));
        } else if (chain == ChainState.BROKEN) {
            Map<String, String> brokenAnnotations = new LinkedHashMap<>(annotations);
            brokenAnnotations.put("evidence", chainEvidence);
            Long sourceBytes = sourceBytes(s, datasets);
            if (sourceBytes != null) {
                brokenAnnotations.put(FindingNames.SOURCE_BYTES, Long.toString(sourceBytes));
            }
            PoolFree targetPool = targetPool(s, datasets, pools);
            if (targetPool != null) {
                brokenAnnotations.put(FindingNames.TARGET_FREE_BYTES, Long.toString(targetPool.free()));
            }
            conditions.add(condition(
                    s,
                    FindingNames.CHAIN_BROKEN,
                    FindingNames.CRITICAL,
                    baseLabels,
                    brokenAnnotations,
                    s.job + ": chain broken, " + chainEvidence,
                    null));
        }

        // job.failing
        if (JobFacts.failingNow(s) && s.failCount >= th.failingMinFailures()) {
            String severity = s.lastErrorClass != null && s.lastErrorClass.remedy() == ErrorClass.Remedy.HUMAN
                    ? FindingNames.CRITICAL
                    : FindingNames.WARNING;
            conditions.add(condition(
                    s,
                    FindingNames.JOB_FAILING,
                    severity,
                    baseLabels,
                    annotations,
                    s.job + ": " + s.failCount + (s.failCount == 1 ? " failure" : " failures in a row") + ", last at "
                            + s.lastStage + ": " + s.lastErrorClass + " (" + firstLine(s.lastError) + ")",
                    (double) s.failCount));
        }

        // job.stalled: a transfer without progress, a run without a transfer, overdue, or enabled but not scheduled
        String stall = null;
        long noProgressMs = th.stallNoProgress().toMillis();
        long graceMs = th.overdueGrace().toMillis();
        boolean running = JobFacts.running(s);
        if (s.transfer != null) {
            long idle = nowMs - s.transfer.lastProgressMs;
            if (idle > noProgressMs) {
                stall = s.job + ": transfer of " + s.transfer.dataset + " made no progress for "
                        + Human.duration(idle / 1000) + " (" + Human.bytes(s.transfer.bytesDone) + " done"
                        + (s.transfer.estimatedBytes == null ? "" : " of " + Human.bytes(s.transfer.estimatedBytes))
                        + ")";
            } else {
                nextCheck = Math.min(nextCheck, s.transfer.lastProgressMs + noProgressMs + 1);
            }
        } else if (running) {
            // a long run or resync is not an overdue one; but one that moves no data for as long as a stalled
            // transfer may not is hung (before its first send, or between two datasets' sends)
            long quietSinceMs =
                    s.transferEndedMs == null ? s.runningSinceMs : Math.max(s.runningSinceMs, s.transferEndedMs);
            if (nowMs - quietSinceMs > noProgressMs) {
                stall = s.job + ": running for " + Human.duration((nowMs - s.runningSinceMs) / 1000)
                        + " with no transfer progress"
                        + (quietSinceMs > s.runningSinceMs
                                ? " for " + Human.duration((nowMs - quietSinceMs) / 1000)
                                : "");
            } else {
                nextCheck = Math.min(nextCheck, quietSinceMs + noProgressMs + 1);
            }
        } else if (!Boolean.FALSE.equals(s.enabled) && s.nextRunMs != null) {
            // a run cannot start before the previous one ended: a run that outlasted the schedule's slot (a
            // full resync) leaves a next run in the past that the executor starts at its next tick
            long dueMs = Math.max(s.nextRunMs, JobFacts.lastRunEndMs(s));
            long late = nowMs - dueMs;
            if (late > graceMs) {
                stall = s.job + ": next run was due " + Human.duration(late / 1000) + " ago ("
                        + Instant.ofEpochMilli(dueMs) + ") and has not started";
            } else {
                nextCheck = Math.min(nextCheck, dueMs + graceMs + 1);
            }
        } else if (Boolean.TRUE.equals(s.enabled) && s.nextRunMs == null && s.unscheduledSinceMs != null) {
            long since = nowMs - s.unscheduledSinceMs;
            if (since > graceMs) {
                stall = s.job + ": enabled but not scheduled for " + Human.duration(since / 1000)
                        + " (pvesr stops scheduling while the target " + nodeOr(s.target, "node") + " is offline)";
            } else {
                nextCheck = Math.min(nextCheck, s.unscheduledSinceMs + graceMs + 1);
            }
        }
        if (stall != null) {
            conditions.add(
                    condition(s, FindingNames.JOB_STALLED, FindingNames.WARNING, baseLabels, annotations, stall, null));
        }

        // drill.failed: the last restore drill did not verify the replica; drill.overdue: the scheduled one has not run
        if (s.lastDrillReason != null) {
            Map<String, String> drillAnnotations = new LinkedHashMap<>(annotations);
            drillAnnotations.put("drill_id", s.lastDrillId);
            drillAnnotations.put("reason", s.lastDrillReason);
            conditions.add(condition(
                    s,
                    FindingNames.DRILL_FAILED,
                    FindingNames.WARNING,
                    baseLabels,
                    drillAnnotations,
                    s.job + ": restore drill failed, " + s.lastDrillReason + ": " + firstLine(s.lastDrillDetail),
                    null));
        }
        if (s.drillDueMs != null) {
            long late = nowMs - s.drillDueMs;
            if (late > graceMs) {
                conditions.add(condition(
                        s,
                        FindingNames.DRILL_OVERDUE,
                        FindingNames.WARNING,
                        baseLabels,
                        annotations,
                        s.job + ": the scheduled restore drill was due " + Human.duration(late / 1000) + " ago ("
                                + Instant.ofEpochMilli(s.drillDueMs) + ") and has not run",
                        (double) (late / 1000)));
            } else {
                nextCheck = Math.min(nextCheck, s.drillDueMs + graceMs + 1);
            }
        }

        // space.low for the job: the target pool could not take a full resync (1.3 x the source)
        Long sourceBytes = sourceBytes(s, datasets);
        PoolFree targetPool = targetPool(s, datasets, pools);
        if (sourceBytes != null
                && sourceBytes > 0
                && targetPool != null
                && targetPool.free() < th.resyncHeadroom() * sourceBytes) {
            Map<String, String> labels = new LinkedHashMap<>(baseLabels);
            labels.put("poolkey", targetPool.poolKey());
            Map<String, String> spaceAnnotations = new LinkedHashMap<>(annotations);
            spaceAnnotations.put(FindingNames.SOURCE_BYTES, Long.toString(sourceBytes));
            spaceAnnotations.put(FindingNames.TARGET_FREE_BYTES, Long.toString(targetPool.free()));
            conditions.add(condition(
                    s,
                    FindingNames.SPACE_LOW,
                    FindingNames.WARNING,
                    labels,
                    spaceAnnotations,
                    s.job + ": target pool " + targetPool.poolKey() + " has " + Human.bytes(targetPool.free())
                            + " free, less than " + th.resyncHeadroom() + " x the source size "
                            + Human.bytes(sourceBytes) + " (a full resync would not fit)",
                    (double) targetPool.free()));
        }

        String state =
                s.transfer != null || running ? "SYNCING" : JobFacts.failingNow(s) ? firstLine(s.lastError) : "OK";
        JobStatus.Transfer transfer = s.transfer == null
                ? null
                : new JobStatus.Transfer(
                        s.transfer.runId,
                        Instant.ofEpochMilli(s.transfer.startedMs),
                        s.transfer.bytesDone,
                        s.transfer.estimatedBytes,
                        s.transfer.bytesPerSecond,
                        Instant.ofEpochMilli(s.transfer.lastProgressMs));
        JobStatus status = new JobStatus(
                s.job,
                s.source,
                s.target,
                s.executor,
                s.enabled,
                s.schedule,
                syncMs == null ? null : Instant.ofEpochMilli(syncMs),
                syncSnapshot,
                s.lastTryMs == null ? null : Instant.ofEpochMilli(s.lastTryMs),
                s.nextRunMs == null ? null : Instant.ofEpochMilli(s.nextRunMs),
                s.durationMs,
                s.failCount,
                JobFacts.failingNow(s) && s.lastErrorClass != null ? s.lastErrorClass.name() : null,
                JobFacts.failingNow(s) ? s.lastError : null,
                state,
                effectiveRpoSeconds,
                targetSeconds,
                chain.name(),
                datasets.isEmpty() ? null : backlogCount,
                datasets.isEmpty() ? null : backlogBytes,
                transfer,
                Instant.ofEpochMilli(nowMs));
        return new JobEvaluation(status, conditions, datasets, nextCheck);
    }

    /** The RPO target: the executor's, else the schedule's interval plus the margin, else the default. */
    public static long rpoTargetSeconds(JobState s, Thresholds th) {
        if (s.rpoTargetSeconds > 0) {
            return s.rpoTargetSeconds;
        }
        return ScheduleInterval.estimate(s.schedule)
                .map(interval -> interval.plus(th.rpoMargin()).toSeconds())
                .orElse(th.defaultRpoTarget().toSeconds());
    }

    /**
     * The job's datasets paired source to target by name, each judged by the chain model; a job
     * with one dataset on each side under different names (plain zfs send to another path) pairs
     * those two.
     *
     * @param pools the latest status of a pool by pool key (null when unknown): the target pool's
     *     room for the next delta is part of the verdict
     */
    public static List<DatasetChain> datasets(JobState s, Function<String, PoolFree> pools) {
        Set<String> names = new LinkedHashSet<>(s.datasets);
        names.addAll(s.sourceInventory.keySet());
        boolean singleRenamed = s.sourceInventory.size() == 1
                && s.targetInventory.size() == 1
                && !s.sourceInventory.keySet().equals(s.targetInventory.keySet())
                && names.size() == 1;
        if (!singleRenamed) {
            names.addAll(s.targetInventory.keySet());
        }
        List<DatasetChain> result = new ArrayList<>();
        for (String name : names) {
            String targetName =
                    singleRenamed ? s.targetInventory.keySet().iterator().next() : name;
            Inventory src = s.sourceInventory.get(name);
            Inventory dst = s.targetInventory.get(targetName);
            ChainView r;
            if (src == null || dst == null) {
                r = ChainView.unknown("no inventory from the " + (src == null ? "source" : "target") + " yet");
            } else {
                PoolFree pool = targetPool(s, targetName, pools);
                r = ChainDiff.compare(
                        jobId(s.job),
                        src.side(name),
                        dst.side(targetName),
                        pool == null ? null : new ChainDiff.Room(pool.size(), pool.free()));
            }
            result.add(new DatasetChain(name, targetName, r));
        }
        return result;
    }

    /** The labels of a job finding (findings contract): never a value that changes while it fires. */
    public static Map<String, String> labels(JobState s) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("cluster", cluster(s.job));
        labels.put("job", s.job);
        if (s.source != null) {
            labels.put("node", s.source);
        }
        if (s.target != null) {
            labels.put("target", s.target);
        }
        if (s.executor != null) {
            labels.put("executor", s.executor);
        }
        return labels;
    }

    /** Bytes referenced by the newest source snapshot of each dataset, summed; null when none reports it. */
    static Long sourceBytes(JobState s, List<DatasetChain> datasets) {
        Long total = null;
        for (DatasetChain d : datasets) {
            Inventory src = s.sourceInventory.get(d.dataset());
            if (src == null || src.snapshots.isEmpty()) {
                continue;
            }
            Snapshot newest = src.snapshots.stream().max(Snapshot.AGE).orElseThrow();
            Long size = newest.referenced() != null ? newest.referenced() : newest.used();
            if (size != null) {
                total = (total == null ? 0 : total) + size;
            }
        }
        return total;
    }

    /** The pool on the target node that holds the job's datasets (the first path component). */
    static PoolFree targetPool(JobState s, List<DatasetChain> datasets, Function<String, PoolFree> pools) {
        return datasets.isEmpty() ? null : targetPool(s, datasets.get(0).targetDataset(), pools);
    }

    private static PoolFree targetPool(JobState s, String dataset, Function<String, PoolFree> pools) {
        if (s.target == null) {
            return null;
        }
        int slash = dataset.indexOf('/');
        String pool = slash < 0 ? dataset : dataset.substring(0, slash);
        return pools.apply(cluster(s.job) + "/" + s.target + "/" + pool);
    }

    /** The job id of a job key ({@code <cluster>/<jobid>}). */
    private static String jobId(String job) {
        int slash = job.indexOf('/');
        return slash > 0 ? job.substring(slash + 1) : JobKey.parse(job).jobId();
    }

    /** The cluster of a job key (stored keys were parsed on the way in: no need for the full parse each time). */
    private static String cluster(String job) {
        int slash = job.indexOf('/');
        return slash > 0 ? job.substring(0, slash) : JobKey.parse(job).cluster();
    }

    private static Condition condition(
            JobState s,
            String name,
            String severity,
            Map<String, String> base,
            Map<String, String> annotations,
            String summary,
            Double value) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", name);
        labels.putAll(base);
        return new Condition(s.job, name, severity, labels, annotations, summary, value);
    }

    private static String nodeOr(String node, String fallback) {
        return node == null ? fallback : node;
    }

    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.strip();
        int nl = line.indexOf('\n');
        return nl < 0 ? line : line.substring(0, nl);
    }

    /** What a job needs to know of a pool. */
    public record PoolFree(String poolKey, long size, long free) {}
}
