package io.zsentinel.launcher.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Asks the collector's API for each job's status ({@code GET /api/v1/jobs/{cluster}/{jobid}})
 * every {@code every}, on a timer of its own, and keeps what the API said: the chain verdict
 * as a person or a script reading the API would have seen it over time.
 */
public final class ChainSampler implements AutoCloseable {
    private final CollectorApi api;
    private final List<String> jobs;
    private final Map<String, List<Sample>> samples = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "e2e-chain-sampler");
        t.setDaemon(true);
        return t;
    });
    private volatile String failure;

    /** One answer: when it was received, the chain, and whether the API had a sync point for the job. */
    public record Sample(Instant at, String chain, boolean synced) {}

    private ChainSampler(CollectorApi api, List<String> jobs) {
        this.api = api;
        this.jobs = List.copyOf(jobs);
        jobs.forEach(j -> samples.put(j, new CopyOnWriteArrayList<>()));
    }

    public static ChainSampler start(CollectorApi api, List<String> jobs, Duration every) {
        ChainSampler s = new ChainSampler(api, jobs);
        s.timer.scheduleWithFixedDelay(s::round, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return s;
    }

    private void round() {
        try {
            for (String job : jobs) {
                api.job(job)
                        .ifPresent(a -> samples.get(job)
                                .add(new Sample(
                                        a.received(),
                                        a.body().path("chain").asText("?"),
                                        a.body().hasNonNull("lastSync"))));
            }
        } catch (RuntimeException | AssertionError e) {
            failure = e.toString(); // the API answered something other than 200/404/503: the test reports it
        }
    }

    /** Every sample of the job, oldest first. */
    public List<Sample> samples(String job) {
        return List.copyOf(samples.get(job));
    }

    /** The samples taken at or after {@code from}. */
    public List<Sample> since(String job, Instant from) {
        return samples(job).stream().filter(s -> !s.at().isBefore(from)).toList();
    }

    /** The chain values of the samples with repeats collapsed: {@code [OK, BROKEN, OK]}. */
    public static List<String> sequence(List<Sample> samples) {
        List<String> seq = new ArrayList<>();
        for (Sample s : samples) {
            if (seq.isEmpty() || !seq.get(seq.size() - 1).equals(s.chain())) {
                seq.add(s.chain());
            }
        }
        return seq;
    }

    /** Why sampling broke, if it did (null: it did not). */
    public String failure() {
        return failure;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
