package io.zsentinel.events.data;

import java.util.List;

/**
 * {@code zsentinel.resync.started} / {@code .completed} / {@code .refused}.
 * {@code plan} is {@code INCREMENTAL} (from the common snapshot {@code base}) or
 * {@code FULL} (the target was renamed aside to {@code orphan} first); {@code reason} says why
 * (for a refusal: {@code NO_SPACE}, {@code BUSY}, {@code NOT_ALLOWED}, ...).
 */
public record ResyncData(
        String commandId,
        String source,
        String target,
        List<String> datasets,
        String plan,
        String base,
        List<String> orphans,
        String reason)
        implements EventData {
    public static final String INCREMENTAL = "INCREMENTAL";
    public static final String FULL = "FULL";

    public ResyncData {
        Require.text(commandId, "commandId");
        Require.text(source, "source");
        Require.text(target, "target");
        datasets = Require.list(datasets);
        orphans = Require.list(orphans);
    }

    @Override
    public String hostName() {
        return target;
    }
}
