package io.zsentinel.events.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * CPU time and allocation per call of competing paths over the same inputs, on one thread: each
 * path is warmed up (5 rounds, so the JIT has compiled it fully), then the paths take turns for
 * {@code rounds} rounds, so that noise from the rest of the machine hits all alike; the median round
 * of each is kept.
 */
final class Rounds {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** One path; returns something of its result, so that the JIT cannot drop the work. */
    @FunctionalInterface
    interface Path<T> {
        long run(T input) throws Exception;
    }

    record Result(double ns, double alloc) {}

    private Rounds() {}

    static <T> List<Result> measure(List<T> inputs, List<Path<T>> paths, int rounds, int perRound) throws Exception {
        for (Path<T> path : paths) {
            for (int i = 0; i < 5; i++) {
                round(inputs, path, perRound);
            }
        }
        double[][] samples = new double[paths.size()][2 * rounds];
        for (int r = 0; r < rounds; r++) {
            for (int p = 0; p < paths.size(); p++) {
                double[] sample = round(inputs, paths.get(p), perRound);
                samples[p][r] = sample[0];
                samples[p][rounds + r] = sample[1];
            }
        }
        List<Result> out = new ArrayList<>();
        for (double[] sample : samples) {
            out.add(new Result(
                    median(Arrays.copyOfRange(sample, 0, rounds)),
                    median(Arrays.copyOfRange(sample, rounds, 2 * rounds))));
        }
        return out;
    }

    /** CPU ns and bytes allocated per call over one round. */
    private static <T> double[] round(List<T> inputs, Path<T> path, int perRound) throws Exception {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long allocated = THREADS.getCurrentThreadAllocatedBytes();
        long sink = 0;
        for (int i = 0; i < perRound; i++) {
            sink += path.run(inputs.get(i % inputs.size()));
        }
        double[] sample = {
            (double) (THREADS.getCurrentThreadCpuTime() - cpu) / perRound,
            (double) (THREADS.getCurrentThreadAllocatedBytes() - allocated) / perRound
        };
        if (sink == 42) {
            System.out.println(); // keeps the results alive
        }
        return sample;
    }

    private static double median(double[] values) {
        Arrays.sort(values);
        return values[values.length / 2];
    }
}
