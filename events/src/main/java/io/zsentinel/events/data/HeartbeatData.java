package io.zsentinel.events.data;

import java.time.Instant;
import java.util.List;

/**
 * {@code zsentinel.executor.heartbeat}: the executor is alive, sends again within
 * {@code intervalSeconds}, and owns these jobs.
 */
public record HeartbeatData(String executorId, long intervalSeconds, List<JobInfo> jobs) implements EventData {
    public HeartbeatData {
        Require.text(executorId, "executorId");
        if (intervalSeconds <= 0) {
            throw new IllegalArgumentException("field 'intervalSeconds' must be positive: " + intervalSeconds);
        }
        jobs = Require.list(jobs);
    }

    /** An executor is a service, not a host: SIEMs must not count it as one. */
    @Override
    public String hostName() {
        return null;
    }

    /**
     * One owned job. {@code job} is the job key ({@code <cluster>/<vmid>-<n>}); {@code nextRun}
     * is null when not scheduled (disabled, or the target is unknown); {@code drillDue} is when
     * the job's next scheduled restore drill is (or was) due, null when it has no drill schedule:
     * a time in the past means the drill has not run since.
     */
    public record JobInfo(
            String job,
            String source,
            String target,
            List<String> datasets,
            String schedule,
            long rpoTargetSeconds,
            boolean enabled,
            Instant nextRun,
            int failCount,
            boolean running,
            Instant drillDue) {
        public JobInfo {
            Require.text(job, "job");
            Require.text(source, "source");
            Require.text(target, "target");
            datasets = Require.list(datasets);
            Require.text(schedule, "schedule");
            Require.notNegative(rpoTargetSeconds, "rpoTargetSeconds");
        }
    }
}
