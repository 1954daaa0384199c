package io.zsentinel.collector.finding;

import io.zsentinel.events.data.FindingData;

/** A finding record to publish, and the subject (job key, pool key, executor id) it is about. */
public record Emission(String subject, FindingData finding) {}
