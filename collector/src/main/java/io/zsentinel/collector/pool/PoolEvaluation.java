package io.zsentinel.collector.pool;

import io.zsentinel.collector.finding.Condition;
import io.zsentinel.collector.space.Forecast;
import io.zsentinel.events.state.PoolStatus;
import java.util.List;

/** A pool as of one instant: its status, forecast and the finding conditions that hold. */
public record PoolEvaluation(PoolStatus status, Forecast forecast, List<Condition> conditions) {}
