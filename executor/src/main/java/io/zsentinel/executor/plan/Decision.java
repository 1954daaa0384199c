package io.zsentinel.executor.plan;

/** What the planner decided for one dataset: a {@link Plan} to run, or a {@link Conflict} that stops it. */
public sealed interface Decision permits Plan, Conflict {}
