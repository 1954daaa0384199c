package io.zsentinel.alerting.support;

import io.zsentinel.alerting.dispatch.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A scheduler whose time moves only when the test says so; everything runs on the test thread. */
public final class ManualScheduler implements Scheduler {
    private Instant now;
    private long sequence;
    private final List<Task> tasks = new ArrayList<>();

    public ManualScheduler(Instant start) {
        this.now = start;
    }

    @Override
    public Instant now() {
        return now;
    }

    public Clock clock() {
        ManualScheduler self = this;
        return new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return self.now;
            }
        };
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Task t = new Task(now.plus(delay), sequence++, task);
        tasks.add(t);
        return () -> tasks.remove(t);
    }

    @Override
    public void execute(Runnable task) {
        task.run();
    }

    /** Runs, in time order, every task due within {@code step}, then sets the time to now + step. */
    public void advance(Duration step) {
        Instant end = now.plus(step);
        while (true) {
            Task next = tasks.stream()
                    .filter(t -> !t.at.isAfter(end))
                    .min(Comparator.comparing((Task t) -> t.at).thenComparingLong(t -> t.seq))
                    .orElse(null);
            if (next == null) {
                break;
            }
            tasks.remove(next);
            if (next.at.isAfter(now)) {
                now = next.at;
            }
            next.task.run();
        }
        now = end;
    }

    /** Runs what is due now. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    public int pendingTasks() {
        return tasks.size();
    }

    private record Task(Instant at, long seq, Runnable task) {}
}
