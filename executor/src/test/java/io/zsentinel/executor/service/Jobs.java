package io.zsentinel.executor.service;

import io.zsentinel.events.JobKey;
import io.zsentinel.events.data.CommandData;
import io.zsentinel.events.data.DrillData;
import io.zsentinel.executor.calendar.CalendarEvent;
import io.zsentinel.executor.config.JobConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Job configs, commands and drill results for the service tests. */
final class Jobs {
    static final Instant NOW = Instant.parse("2026-11-26T10:07:00Z");

    private Jobs() {}

    static JobConfig job(String id, String source, String target, String schedule) {
        return job(id, source, target, schedule, null);
    }

    static JobConfig job(String id, String source, String target, String schedule, String drillSchedule) {
        return new JobConfig(
                new JobKey("lab", id),
                source,
                target,
                List.of("rpool/data/subvol-" + id + "-disk-0"),
                CalendarEvent.parse(schedule),
                0,
                Duration.ofMinutes(20),
                true,
                drillSchedule == null ? null : CalendarEvent.parse(drillSchedule));
    }

    static CommandData command(String job, String action) {
        return new CommandData(
                "cmd-" + action + "-" + System.nanoTime(),
                action,
                job,
                "test",
                "test",
                NOW,
                NOW.plusSeconds(300),
                false,
                null);
    }

    static DrillData drilled(JobConfig job, Instant startedAt, String reason) {
        return new DrillData(
                "drill-1",
                DrillData.SCHEDULE,
                job.source(),
                job.target(),
                startedAt,
                10L,
                60L,
                List.of(),
                reason,
                reason == null ? null : "test");
    }
}
