package io.zsentinel.alerting.zabbix;

import io.zsentinel.alerting.kafka.StateReader;
import io.zsentinel.events.state.JobStatus;
import io.zsentinel.events.state.PoolStatus;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code sendInterval}: the job and pool items from the state topic, and a heartbeat
 * per host; the LLD arrays every {@code discoveryInterval} and whenever the set of jobs or
 * pools changed (so new jobs get their items without waiting).
 */
public final class ZabbixPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ZabbixPublisher.class);

    private final ZabbixSender sender;
    private final HostMapping hosts;
    private final StateReader state;
    private final Clock clock;
    private final Duration sendInterval;
    private final Duration discoveryInterval;
    private final ScheduledExecutorService executor;
    private Instant lastDiscovery;
    private Set<String> lastKeys = Set.of();

    public ZabbixPublisher(
            ZabbixSender sender,
            HostMapping hosts,
            StateReader state,
            Clock clock,
            Duration sendInterval,
            Duration discoveryInterval,
            String name) {
        this.sender = sender;
        this.hosts = hosts;
        this.state = state;
        this.clock = clock;
        this.sendInterval = sendInterval;
        this.discoveryInterval = discoveryInterval;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "alerting-zabbix-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        executor.scheduleWithFixedDelay(
                this::cycle, sendInterval.toMillis(), sendInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void cycle() {
        Instant now = clock.instant();
        List<JobStatus> jobs = state.jobs();
        List<PoolStatus> pools = state.pools();
        Set<String> keys = new TreeSet<>();
        jobs.forEach(j -> keys.add(j.job()));
        pools.forEach(p -> keys.add(p.pool()));
        List<ZabbixValue> values = new ArrayList<>();
        boolean discover =
                lastDiscovery == null || !keys.equals(lastKeys) || !now.isBefore(lastDiscovery.plus(discoveryInterval));
        if (discover) {
            values.addAll(ZabbixItems.discovery(jobs, pools, hosts, now));
        }
        Set<String> hostNames = new TreeSet<>();
        for (JobStatus job : jobs) {
            List<ZabbixValue> jobValues = ZabbixItems.jobValues(job, hosts, now);
            jobValues.forEach(v -> hostNames.add(v.host()));
            values.addAll(jobValues);
        }
        for (PoolStatus pool : pools) {
            List<ZabbixValue> poolValues = ZabbixItems.poolValues(pool, hosts, now);
            poolValues.forEach(v -> hostNames.add(v.host()));
            values.addAll(poolValues);
        }
        values.addAll(ZabbixItems.heartbeats(hostNames, now));
        if (values.isEmpty()) {
            return;
        }
        try {
            SenderResponse response = sender.send(values);
            if (discover) {
                lastDiscovery = now;
                lastKeys = keys;
            }
            LOG.debug("sent {} values to {}: {}", values.size(), sender, response.info());
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not send {} values to {}: {}", values.size(), sender, e.toString());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
