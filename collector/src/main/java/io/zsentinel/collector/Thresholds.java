package io.zsentinel.collector;

import static io.zsentinel.collector.CollectorKeys.*;

import java.time.Duration;

/**
 * Every threshold the collector's findings use (keys under {@code collector.} in
 * docs/config-collector.md). Plain values so that the pure evaluators can be table-tested.
 *
 * @param defaultRpoTarget the RPO target of a job whose heartbeat gives none and whose schedule
 *     cannot be read
 * @param rpoMargin added to a schedule's interval to make the default target
 * @param rpoCriticalFactor {@code rpo.breached} turns critical beyond this multiple of the target
 * @param stallNoProgress a running transfer whose bytes did not grow for this long is stalled, and
 *     so is a running job (its heartbeat says so) that reported no transfer for this long
 * @param overdueGrace a job whose next run is this late (or that is enabled but unscheduled this
 *     long) is stalled; never while it runs
 * @param missedHeartbeats an executor is silent after this many heartbeat intervals without one
 * @param failingMinFailures {@code job.failing} from this many failures in a row
 * @param spaceWindow the history the free-space trend is computed over
 * @param spaceMaxSamples the history is kept in at most this many buckets
 * @param spaceMinCoverage no trend until the samples span this fraction of the window
 * @param spaceMinSamples no trend with fewer samples
 * @param spaceWarnUsedRatio {@code space.low} warning from this used fraction
 * @param spaceCriticalUsedRatio {@code space.low} critical from this used fraction
 * @param forecastHorizon {@code space.forecast} when the pool is predicted full within this
 * @param forecastCriticalHorizon ... critical within this
 * @param resyncHeadroom a job's target pool needs this multiple of the source size free
 * @param resendInterval a firing finding is re-published at most this often
 * @param refreshInterval every subject is re-evaluated at least this often
 * @param progressRefresh a job whose only change is its running transfer's progress is re-evaluated
 *     (and its status republished) at most this often; any other change, or progress of a stalled
 *     transfer, is evaluated at the next tick. Progress is also written to the job's stored state
 *     (changelog) only once it is this far past the stored one: after a restart a transfer may look
 *     up to this much older, against a {@code stallNoProgress} of minutes
 */
public record Thresholds(
        Duration defaultRpoTarget,
        Duration rpoMargin,
        double rpoCriticalFactor,
        Duration stallNoProgress,
        Duration overdueGrace,
        int missedHeartbeats,
        int failingMinFailures,
        Duration spaceWindow,
        int spaceMaxSamples,
        double spaceMinCoverage,
        int spaceMinSamples,
        double spaceWarnUsedRatio,
        double spaceCriticalUsedRatio,
        Duration forecastHorizon,
        Duration forecastCriticalHorizon,
        double resyncHeadroom,
        Duration resendInterval,
        Duration refreshInterval,
        Duration progressRefresh) {

    /** Every threshold's default (the declarations in {@link CollectorKeys}). */
    public static Thresholds defaults() {
        return new Thresholds(
                RPO_DEFAULT_TARGET.defaultValue(),
                RPO_MARGIN.defaultValue(),
                RPO_CRITICAL_FACTOR.defaultValue(),
                STALL_NO_PROGRESS.defaultValue(),
                STALL_OVERDUE_GRACE.defaultValue(),
                SILENCE_MISSED_HEARTBEATS.defaultValue(),
                FAILING_MIN_FAILURES.defaultValue(),
                SPACE_WINDOW.defaultValue(),
                SPACE_MAX_SAMPLES.defaultValue(),
                SPACE_MIN_COVERAGE.defaultValue(),
                SPACE_MIN_SAMPLES.defaultValue(),
                SPACE_WARN_USED_RATIO.defaultValue(),
                SPACE_CRITICAL_USED_RATIO.defaultValue(),
                SPACE_FORECAST_HORIZON.defaultValue(),
                SPACE_FORECAST_CRITICAL_HORIZON.defaultValue(),
                SPACE_RESYNC_HEADROOM.defaultValue(),
                FINDINGS_RESEND_INTERVAL.defaultValue(),
                REFRESH_INTERVAL.defaultValue(),
                PROGRESS_REFRESH.defaultValue());
    }

    public Thresholds withProgressRefresh(Duration d) {
        return new Thresholds(
                defaultRpoTarget,
                rpoMargin,
                rpoCriticalFactor,
                stallNoProgress,
                overdueGrace,
                missedHeartbeats,
                failingMinFailures,
                spaceWindow,
                spaceMaxSamples,
                spaceMinCoverage,
                spaceMinSamples,
                spaceWarnUsedRatio,
                spaceCriticalUsedRatio,
                forecastHorizon,
                forecastCriticalHorizon,
                resyncHeadroom,
                resendInterval,
                refreshInterval,
                d);
    }
}
