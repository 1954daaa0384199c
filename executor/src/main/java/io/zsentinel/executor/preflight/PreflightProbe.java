package io.zsentinel.executor.preflight;

import io.zsentinel.events.data.ErrorClass;
import io.zsentinel.executor.config.JobConfig;
import io.zsentinel.executor.node.NodeFailure;
import io.zsentinel.executor.node.ZfsNode;
import io.zsentinel.executor.transfer.Transfer;
import io.zsentinel.executor.zfs.DatasetInventory;
import io.zsentinel.executor.zfs.ZfsOutput.PoolLine;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a job's two nodes what {@link PreflightJudge} needs. It only reads, except for the timed
 * transfer: a scratch dataset ({@link ZfsNode#SCRATCH_PREFIX}) of random data on the source,
 * sent as the job's transfers are (source send, relayed, target receive) into a scratch dataset
 * on the target, both destroyed afterwards whatever happened.
 */
public final class PreflightProbe {
    private static final Logger LOG = LoggerFactory.getLogger(PreflightProbe.class);

    private final Clock clock;
    private final ZoneId zone;
    private final int scratchMiB;

    /** @param scratchMiB how much random data the timed transfer sends */
    public PreflightProbe(Clock clock, ZoneId zone, int scratchMiB) {
        this.clock = clock;
        this.zone = zone;
        this.scratchMiB = scratchMiB;
    }

    public PreflightFacts probe(JobConfig job, ZfsNode source, ZfsNode target, Map<String, String> pinnedKeys) {
        Map<String, String> unreachable = new LinkedHashMap<>();
        Set<String> mismatch = new HashSet<>();
        for (ZfsNode node : new ZfsNode[] {source, target}) {
            try {
                node.connect();
            } catch (NodeFailure e) {
                unreachable.put(node.name(), e.getMessage());
                if (e.errorClass() == ErrorClass.HOSTKEY_MISMATCH) {
                    mismatch.add(node.name());
                }
            }
        }
        Map<String, DatasetInventory> src = inventories(job, source, unreachable);
        Map<String, DatasetInventory> dst = inventories(job, target, unreachable);
        Map<String, PoolLine> pools = new LinkedHashMap<>();
        Map<String, Long> available = new LinkedHashMap<>();
        if (!unreachable.containsKey(target.name())) {
            try {
                target.pools().forEach(p -> pools.put(p.name(), p));
                for (String ds : job.datasets()) {
                    String pool = ds.substring(0, ds.indexOf('/'));
                    if (pools.containsKey(pool) && !available.containsKey(pool)) {
                        available.put(pool, target.available(pool));
                    }
                }
            } catch (NodeFailure e) {
                unreachable.put(target.name(), e.getMessage());
            }
        }
        PreflightFacts.Measured measured = null;
        String failure = null;
        if (unreachable.isEmpty()) {
            try {
                measured = timedTransfer(job, source, target);
            } catch (NodeFailure | RuntimeException e) {
                failure = "the timed transfer failed: "
                        + String.join(
                                "; ",
                                String.valueOf(e.getMessage()).strip().lines().toList());
            }
        } else {
            failure = "not measured: " + String.join(", ", unreachable.keySet()) + " not reached";
        }
        return new PreflightFacts(
                job,
                unreachable,
                mismatch,
                pinnedKeys,
                src,
                dst,
                pools,
                available,
                measured,
                failure,
                clock.instant(),
                zone);
    }

    private static Map<String, DatasetInventory> inventories(
            JobConfig job, ZfsNode node, Map<String, String> unreachable) {
        Map<String, DatasetInventory> out = new LinkedHashMap<>();
        if (unreachable.containsKey(node.name())) {
            return out;
        }
        try {
            for (String ds : job.datasets()) {
                out.put(ds, node.inventory(ds));
            }
        } catch (NodeFailure e) {
            unreachable.put(node.name(), e.getMessage());
            out.clear();
        }
        return out;
    }

    private PreflightFacts.Measured timedTransfer(JobConfig job, ZfsNode source, ZfsNode target) throws NodeFailure {
        String first = job.datasets().get(0);
        String pool = first.substring(0, first.indexOf('/'));
        String scratch = pool + "/" + ZfsNode.SCRATCH_PREFIX + clock.instant().getEpochSecond();
        String snapshot = "preflight";
        try {
            source.createScratch(scratch, scratchMiB, snapshot);
            long started = System.nanoTime();
            long bytes = Transfer.relay(
                    source.shell(),
                    source.sendCommand(scratch, null, snapshot),
                    target.shell(),
                    target.receiveCommand(scratch, false),
                    0,
                    new AtomicBoolean(),
                    sent -> {});
            return new PreflightFacts.Measured(bytes, Duration.ofNanos(System.nanoTime() - started));
        } finally {
            destroyQuietly(target, scratch);
            destroyQuietly(source, scratch);
        }
    }

    private static void destroyQuietly(ZfsNode node, String scratch) {
        try {
            node.destroyOwn(scratch);
        } catch (NodeFailure | RuntimeException e) {
            LOG.warn(
                    "preflight: could not destroy the scratch dataset {} on {}: {} (destroy it by hand)",
                    scratch,
                    node.name(),
                    e.getMessage());
        }
    }
}
