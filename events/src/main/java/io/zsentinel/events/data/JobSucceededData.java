package io.zsentinel.events.data;

import java.time.Instant;
import java.util.List;

/**
 * {@code zsentinel.job.succeeded}. {@code syncPoint} is the creation time of the snapshot now
 * on the target (not the time the run ended): the effective RPO is measured from it.
 */
public record JobSucceededData(
        String runId,
        String source,
        String target,
        Instant syncPoint,
        String snapshot,
        List<String> datasets,
        long durationMs,
        long bytes)
        implements EventData {
    public JobSucceededData {
        Require.text(runId, "runId");
        Require.text(source, "source");
        Require.text(target, "target");
        Require.present(syncPoint, "syncPoint");
        Require.text(snapshot, "snapshot");
        datasets = Require.list(datasets);
        Require.notNegative(durationMs, "durationMs");
        Require.notNegative(bytes, "bytes");
    }

    @Override
    public String hostName() {
        return source;
    }
}
