package io.zsentinel.collector.job;

import io.zsentinel.collector.finding.Condition;
import io.zsentinel.events.state.JobStatus;
import java.util.List;

/**
 * A job as of one instant: its status, the finding conditions that hold, its datasets' chains,
 * and the first instant at which the passing of time alone could change a condition.
 */
public record JobEvaluation(
        JobStatus status, List<Condition> conditions, List<DatasetChain> datasets, long nextCheckMs) {}
