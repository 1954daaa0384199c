package io.zsentinel.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.zsentinel.events.CommandSigner;
import io.zsentinel.events.EventType;
import io.zsentinel.events.data.CommandData;
import io.zsentinel.events.data.FindingData;
import io.zsentinel.events.data.JobFailedData;
import io.zsentinel.events.data.ResyncData;
import io.zsentinel.events.data.RunStage;
import io.zsentinel.launcher.e2e.CollectorApi;
import io.zsentinel.launcher.e2e.ConsumerLag;
import io.zsentinel.launcher.e2e.E2eConfig;
import io.zsentinel.launcher.e2e.KafkaRecorder;
import io.zsentinel.launcher.e2e.KafkaRecorder.Seen;
import io.zsentinel.launcher.e2e.LabZfs;
import io.zsentinel.launcher.e2e.LabZfs.Snapshot;
import io.zsentinel.launcher.e2e.Secrets;
import io.zsentinel.launcher.e2e.WebhookReceiver;
import io.zsentinel.launcher.e2e.WebhookReceiver.Delivery;
import io.zsentinel.launcher.e2e.ZabbixCapture;
import io.zsentinel.testkit.lab.Lab;
import io.zsentinel.testkit.lab.LabDescriptor;
import io.zsentinel.testkit.lab.LabExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6: the whole product in one process (embedded broker, collector, alerting, executor via
 * {@link Pipeline#start}) against the real two-node zfs-fuse lab (testkit's {@link LabExtension}:
 * skipped with lab.sh's reason where the lab cannot come up, failed under CI=true).
 *
 * <ol>
 *   <li>two guests replicate every 10 s; the effective RPO the API reports stays under target
 *       and equals now - creation of the newest snapshot on the target;
 *   <li>destroying the base snapshot on the source breaks the chain: signed webhook and Zabbix
 *       values, an automatic signed resync, the chain heals with identical data, the old replica
 *       is kept as an orphan, a resolved notification follows;
 *   <li>stopping the executor fires executor.silent, then rpo.breached on time, which is
 *       inhibited (no notification);
 *   <li>a full restart on the same state and Kafka data sends no notification twice.
 * </ol>
 * Every wait is a bounded condition. Each step prints how long it took from cause to effect
 * ({@code E2E step N: ...}); findings the test did not cause are printed as {@code E2E note}.
 */
@ExtendWith(LabExtension.class)
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class EndToEndTest {
    private static final String VMID_A = "300";
    private static final String VMID_B = "301";
    private static final String JOB_A = E2eConfig.CLUSTER + "/" + VMID_A + "-0";
    private static final String JOB_B = E2eConfig.CLUSTER + "/" + VMID_B + "-0";
    private static final Duration POLL = Duration.ofMillis(250);
    /** Events that start or end a run or a resync. */
    private static final Set<EventType> RUN_MARKS = EnumSet.of(
            EventType.SNAPSHOT_CREATED, EventType.RESYNC_STARTED, EventType.JOB_SUCCEEDED, EventType.JOB_FAILED);
    /** How recently a run must have ended for the test to act between two runs (schedule every 20 s). */
    private static final Duration IDLE_WINDOW = Duration.ofSeconds(6);

    @TempDir
    Path dir;

    private Lab lab;
    private LabZfs zfs;
    private List<LabDescriptor.Node> nodes;
    private String source;
    private String target;
    private String datasetA;
    private String datasetB;
    private final Map<String, String> environment = new HashMap<>();
    private byte[] commandSecret;
    private WebhookReceiver webhook;
    private ZabbixCapture zabbix;
    private Pipeline pipeline;
    private PipelineConfig config;
    private KafkaRecorder recorder;
    private CollectorApi api;
    private final List<String> report = new ArrayList<>();
    private final List<String> timeline = new ArrayList<>();

    @BeforeEach
    void labAndReceivers(Lab lab) throws Exception {
        this.lab = lab;
        zfs = new LabZfs(lab);
        nodes = lab.nodeNames().stream().map(lab::info).toList();
        assertThat(nodes).as("lab nodes").hasSizeGreaterThanOrEqualTo(2);
        source = nodes.get(0).name();
        target = nodes.get(1).name();
        datasetA = E2eConfig.dataset(nodes.get(0), VMID_A);
        datasetB = E2eConfig.dataset(nodes.get(0), VMID_B);
        removeGuests();

        Secrets secrets = Secrets.generate();
        commandSecret = secrets.commandSecret();
        environment.putAll(secrets.environment());
        webhook = WebhookReceiver.start(secrets.webhookKey());
        zabbix = ZabbixCapture.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (recorder != null) {
            recordTimeline();
            recorder.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
        if (webhook != null) {
            webhook.close();
        }
        if (zabbix != null) {
            zabbix.close();
        }
        if (zfs != null) {
            removeGuests();
        }
        report.forEach(System.out::println);
        timeline.forEach(System.out::println);
    }

    /** Both guests' disks and their orphans, on every node (also what an earlier run left behind). */
    private void removeGuests() {
        for (LabDescriptor.Node node : nodes) {
            zfs.destroyAll(node.name(), datasetA);
            zfs.destroyAll(node.name(), datasetB);
        }
    }

    @Test
    void replicatesDetectsAChainBreakHealsItAlertsOnSilenceAndSurvivesARestart() throws Exception {
        zfs.createWithData(source, datasetA, 4);
        zfs.createWithData(source, datasetB, 2);
        String sourceDigestA = zfs.contentDigest(source, datasetA);
        assertThat(sourceDigestA).startsWith("3 ");

        Instant starting = Instant.now();
        start(0);
        step(0, "pipeline (broker, collector, alerting, executor) started in %s", since(starting));

        stepOneReplicationAndRpo(starting);
        stepTwoChainBreakAndResync(sourceDigestA);
        stepThreeExecutorSilence();
        stepFourRestartWithoutDuplicates();

        assertThat(webhook.deliveries())
                .as("every webhook delivery carries a valid Standard Webhooks signature")
                .isNotEmpty()
                .allMatch(Delivery::signatureValid);
        // The receiver always answers 2xx, so nothing is retried: a webhook-id seen twice would be
        // one id for two different messages, and a Standard Webhooks receiver drops the second.
        Map<String, Set<String>> identitiesById = new HashMap<>();
        webhook.deliveries()
                .forEach(d -> identitiesById
                        .computeIfAbsent(d.webhookId(), k -> new HashSet<>())
                        .add(d.identity()));
        assertThat(identitiesById)
                .as("webhook-ids used for more than one message")
                .allSatisfy((id, identities) -> assertThat(identities).hasSize(1));
        assertThat(zabbix.errors())
                .as("Zabbix protocol errors at the capture server")
                .isEmpty();
        assertThat(recorder.failure()).isNull();
    }

    // ------------------------------------------------------------------ step 1

    private void stepOneReplicationAndRpo(Instant starting) {
        await("first replication of both guests in the API")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(POLL)
                .until(() -> synced(JOB_A) && synced(JOB_B));
        step(1, "first sync of both guests visible in the API %s after the pipeline was started", since(starting));

        // Sample until three different sync points were compared with the target node's snapshot.
        Set<String> syncPoints = new LinkedHashSet<>();
        List<String> samples = new ArrayList<>();
        await("effective RPO compared over three sync points")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    rpoSample(syncPoints, samples);
                    return syncPoints.size() >= 3;
                });
        step(
                1,
                "effective RPO of %s under its target %ss and equal to now - creation on %s within 1 s: %s",
                JOB_A,
                E2eConfig.RPO_TARGET.toSeconds(),
                target,
                String.join(", ", samples));
    }

    private boolean synced(String job) {
        return api.job(job)
                .map(a -> a.body().hasNonNull("lastSync")
                        && healthy(a.body().path("chain").asText()))
                .orElse(false);
    }

    /** pvesr keeps one replication snapshot per job, and that is a healthy chain: OK, never AT_RISK. */
    private static boolean healthy(String chain) {
        return "OK".equals(chain);
    }

    /**
     * One comparison: the API's answer, the newest snapshot on the target and its creation over
     * SSH, and the API again; skipped when a sync happened in between.
     */
    private void rpoSample(Set<String> syncPoints, List<String> samples) {
        Optional<CollectorApi.Answer> first = api.job(JOB_A);
        if (first.isEmpty() || !first.get().body().hasNonNull("lastSync")) {
            return;
        }
        JsonNode job = first.get().body();
        String lastSnapshot = job.path("lastSnapshot").asText();
        Optional<Snapshot> newest = zfs.newestJobSnapshot(target, datasetA, VMID_A + "-0");
        Optional<CollectorApi.Answer> second = api.job(JOB_A);
        if (newest.isEmpty()
                || second.isEmpty()
                || !sameSnapshot(newest.get(), lastSnapshot)
                || !lastSnapshot.equals(second.get().body().path("lastSnapshot").asText())) {
            return; // a run finished while we looked: sample again
        }
        long rpo = job.path("effectiveRpoSeconds").asLong();
        long rpoTarget = job.path("rpoTargetSeconds").asLong();
        Instant creation = zfs.creation(target, newest.get().name());
        // the API measures the RPO when it answers and says when (updatedAt); whole seconds, rounded down. Comparing
        // with the middle of the request instead left half a round trip on top of the rounding (clean-clone run c1
        // of 78e187a: 11 s against 12.001 s)
        Instant measured = Instant.parse(job.path("updatedAt").asText());
        assertThat(measured)
                .as("when the API measured")
                .isBetween(
                        first.get().sent().minusMillis(50),
                        first.get().received().plusMillis(50));
        double expected = Duration.between(creation, measured).toMillis() / 1000.0;
        assertThat(rpoTarget).isEqualTo(E2eConfig.RPO_TARGET.toSeconds());
        assertThat(rpo).as("effective RPO of %s", JOB_A).isLessThan(rpoTarget);
        assertThat((double) rpo)
                .as("API RPO vs now - creation of %s on %s", newest.get().name(), target)
                .isCloseTo(expected, Offset.offset(1.0));
        assertThat(Instant.parse(job.path("lastSync").asText())).isEqualTo(creation);
        if (syncPoints.add(lastSnapshot)) {
            samples.add(String.format(Locale.ROOT, "%ds (expected %.1fs)", rpo, expected));
        }
    }

    private static boolean sameSnapshot(Snapshot snapshot, String apiName) {
        return !apiName.isEmpty()
                && (snapshot.name().equals(apiName) || snapshot.shortName().equals(apiName));
    }

    // ------------------------------------------------------------------ step 2

    private void stepTwoChainBreakAndResync(String sourceDigestA) {
        AtomicReference<Instant> destroyedAt = new AtomicReference<>();
        AtomicReference<Snapshot> destroyed = new AtomicReference<>();
        // Wait for a quiet moment (chain healthy, no chain.broken firing, no resync pending), then
        // destroy the newest common snapshot. It is held while a send uses it: try again until
        // the destroy goes through and no common snapshot is left (a run finishing in between
        // makes a new base).
        await("destroy the base snapshot of " + JOB_A + " on " + source)
                .atMost(Duration.ofMinutes(3))
                .pollInterval(POLL)
                .until(() -> {
                    if (!quiet(JOB_A)) {
                        return false;
                    }
                    Optional<Snapshot> base = newestCommon(datasetA);
                    if (base.isEmpty()
                            || !zfs.tryDestroySnapshot(source, base.get().name())
                                    .ok()) {
                        return false;
                    }
                    destroyedAt.set(Instant.now());
                    destroyed.set(base.get());
                    return newestCommon(datasetA).isEmpty();
                });
        Instant t0 = destroyedAt.get();
        step(2, "destroyed the base %s on %s", destroyed.get().name(), source);

        Seen broken = awaitFinding("chain.broken", FindingData.FIRING, JOB_A, t0, Duration.ofMinutes(2));
        FindingData episode = broken.finding();
        step(
                2,
                "chain.broken published %s after the snapshot was destroyed (%s)",
                between(t0, broken.readAt()),
                episode.summary());

        Delivery brokenHook = await("chain.broken webhook")
                .atMost(Duration.ofMinutes(1))
                .pollInterval(POLL)
                .until(
                        () -> firstDelivery(d -> d.carriesEpisode(episode.fingerprint(), episode.startsAt(), "firing")),
                        d -> d != null);
        assertThat(brokenHook.signatureValid())
                .as("chain.broken webhook signature")
                .isTrue();
        step(
                2,
                "chain.broken webhook %s after the snapshot was destroyed (signature valid, webhook-id %s)",
                between(t0, brokenHook.receivedAt()),
                brokenHook.webhookId());

        ZabbixCapture.Value value = await("chain.broken at the Zabbix trapper")
                .atMost(Duration.ofMinutes(1))
                .pollInterval(POLL)
                .until(
                        () -> zabbix
                                .values(v -> v.key().equals("zsentinel.finding")
                                        && v.value().startsWith("FIRING")
                                        && v.value().contains(episode.fingerprint())
                                        && !v.receivedAt().isBefore(t0))
                                .stream()
                                .findFirst()
                                .orElse(null),
                        v -> v != null);
        assertThat(value.host()).isEqualTo(E2eConfig.CLUSTER);
        assertThat(value.value()).contains("chain.broken", JOB_A);
        step(
                2,
                "chain.broken Zabbix value %s after the snapshot was destroyed (host %s, %d frames so far)",
                between(t0, value.receivedAt()),
                value.host(),
                zabbix.frames());

        Seen command = await("signed resync command")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(POLL)
                .until(
                        () -> recorder.events(EventType.COMMAND_RESYNC, JOB_A).stream()
                                .filter(s -> !s.readAt().isBefore(t0))
                                .findFirst()
                                .orElse(null),
                        s -> s != null);
        CommandData resync = command.command();
        assertThat(resync.job()).isEqualTo(JOB_A);
        assertThat(new CommandSigner(commandSecret).verify(resync, Instant.now()))
                .as("the resync command verifies with the shared secret")
                .isEqualTo(CommandSigner.Verdict.VALID);
        step(
                2,
                "resync command %s issued by %s %s after the snapshot was destroyed",
                resync.commandId(),
                resync.issuedBy(),
                between(t0, command.readAt()));

        Seen completed = await("resync.completed")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(POLL)
                .until(
                        () -> recorder.events(EventType.RESYNC_COMPLETED, JOB_A).stream()
                                .filter(s -> resync.commandId()
                                        .equals(s.event().data(ResyncData.class).commandId()))
                                .findFirst()
                                .orElse(null),
                        s -> s != null);
        ResyncData done = completed.event().data(ResyncData.class);
        assertThat(done.plan())
                .as("no common snapshot: rename aside and full send")
                .isEqualTo(ResyncData.FULL);
        step(
                2,
                "resync (%s, orphans %s) completed %s after the snapshot was destroyed",
                done.plan(),
                done.orphans(),
                between(t0, completed.readAt()));

        await("chain of " + JOB_A + " healthy again in the API")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(POLL)
                .until(() -> api.job(JOB_A)
                        .map(a -> healthy(a.body().path("chain").asText())
                                && a.body().hasNonNull("lastSync")
                                && Instant.parse(a.body().path("lastSync").asText())
                                        .isAfter(destroyed.get().creation()))
                        .orElse(false));
        step(2, "chain healthy again in the API %s after the snapshot was destroyed", since(t0));

        // The episode's resolution; while the collector flaps chain.broken at every run's prune
        // (see the notes) a new episode of the same alert can replace it inside one group
        // interval, and then the next resolution of the alert is what the receiver hears.
        Delivery resolvedHook = await("chain.broken resolved webhook")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(POLL)
                .until(
                        () -> firstDelivery(d -> d.carriesEpisode(episode.fingerprint(), episode.startsAt(), "resolved")
                                || d.carriesJob("chain.broken", "resolved", JOB_A)
                                        && d.receivedAt().isAfter(completed.readAt())),
                        d -> d != null);
        assertThat(resolvedHook.signatureValid()).isTrue();
        assertThat(resolvedHook.webhookId()).isNotEqualTo(brokenHook.webhookId());
        boolean sameEpisode = resolvedHook.carriesEpisode(episode.fingerprint(), episode.startsAt(), "resolved");
        step(
                2,
                "chain.broken resolved webhook %s after the snapshot was destroyed (%s)",
                between(t0, resolvedHook.receivedAt()),
                sameEpisode ? "this episode" : "a later episode of the same alert: this one was superseded");

        // Nothing lost: the target holds what the source holds, and the old replica was kept aside.
        assertThat(zfs.contentDigest(target, datasetA))
                .as("content of %s on %s", datasetA, target)
                .isEqualTo(zfs.contentDigest(source, datasetA))
                .isEqualTo(sourceDigestA);
        List<String> orphans = zfs.datasets(target, datasetA + "_zsentinel_orphan_");
        assertThat(orphans).as("the old replica renamed aside on %s", target).hasSize(1);
        assertThat(orphans.get(0)).matches(Pattern.quote(datasetA) + "_zsentinel_orphan_\\d+");
        assertThat(done.orphans()).contains(orphans.get(0));
        assertThat(zfs.contentDigest(target, orphans.get(0)))
                .as("the orphan keeps the old replica's data")
                .isEqualTo(sourceDigestA);
        step(2, "data on %s matches %s (%s); old replica kept as %s", target, source, sourceDigestA, orphans.get(0));
    }

    /**
     * Nothing in flight for the job: the API shows a healthy chain, its last chain.broken (if
     * any) is resolved, and every resync ordered for it has finished.
     */
    private boolean quiet(String job) {
        if (!justFinished(job)
                || !api.job(job)
                        .map(a -> healthy(a.body().path("chain").asText()))
                        .orElse(false)) {
            return false;
        }
        List<Seen> broken = recorder.seen(s -> s.event().type() == EventType.FINDING
                && s.finding().name().equals("chain.broken")
                && job.equals(s.finding().labels().get("job")));
        if (!broken.isEmpty() && broken.get(broken.size() - 1).finding().firing()) {
            return false;
        }
        for (Seen c : recorder.events(EventType.COMMAND_RESYNC, job)) {
            String id = c.command().commandId();
            boolean finished = !recorder.seen(s -> job.equals(s.event().subject())
                            && ((s.event().type() == EventType.RESYNC_COMPLETED
                                                    || s.event().type() == EventType.RESYNC_REFUSED)
                                            && id.equals(s.event()
                                                    .data(ResyncData.class)
                                                    .commandId())
                                    || s.event().type() == EventType.JOB_FAILED
                                            && s.readAt().isAfter(c.readAt())
                                            && s.event()
                                                            .data(JobFailedData.class)
                                                            .stage()
                                                    == RunStage.RESYNC))
                    .isEmpty();
            if (!finished) {
                return false;
            }
        }
        return true;
    }

    /**
     * The job's last run (or resync) ended in the last few seconds and no new one took a
     * snapshot since: the executor is between two runs of it.
     */
    private boolean justFinished(String job) {
        List<Seen> marks = recorder.seen(s ->
                job.equals(s.event().subject()) && RUN_MARKS.contains(s.event().type()));
        if (marks.isEmpty()) {
            return false;
        }
        Seen last = marks.get(marks.size() - 1);
        return (last.event().type() == EventType.JOB_SUCCEEDED || last.event().type() == EventType.JOB_FAILED)
                && last.readAt().isAfter(Instant.now().minus(IDLE_WINDOW));
    }

    /** The newest of the job's snapshots on the source whose GUID is also on the target. */
    private Optional<Snapshot> newestCommon(String dataset) {
        return zfs.newestCommon(source, target, dataset, VMID_A + "-0");
    }

    // ------------------------------------------------------------------ step 3

    private void stepThreeExecutorSilence() {
        // Between runs of both jobs, so that no run is cut in half (see the report on close()).
        await("both jobs between two runs")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(POLL)
                .until(() -> quiet(JOB_A) && quiet(JOB_B));
        Instant stopping = Instant.now();
        pipeline.executor().close();
        Instant stopped = Instant.now();
        step(3, "executor closed in %s (the rest of the pipeline keeps running)", between(stopping, stopped));

        Seen silent = awaitFinding("executor.silent", FindingData.FIRING, null, stopping, Duration.ofMinutes(1));
        assertThat(silent.finding().labels()).containsEntry("executor", E2eConfig.EXECUTOR_ID);
        Duration silentAllowed = E2eConfig.HEARTBEAT
                .multipliedBy(E2eConfig.MISSED_HEARTBEATS + 1)
                .plus(E2eConfig.PUNCTUATE)
                .plus(Duration.between(stopping, stopped))
                .plusSeconds(3);
        assertThat(Duration.between(stopping, silent.finding().startsAt()))
                .as("executor.silent after the stop")
                .isLessThanOrEqualTo(silentAllowed);
        step(
                3,
                "executor.silent started %s and was published %s after the executor stopped (allowed %.1f s)",
                between(stopping, silent.finding().startsAt()),
                between(stopping, silent.readAt()),
                silentAllowed.toMillis() / 1000.0);

        Delivery silentHook = await("executor.silent webhook")
                .atMost(Duration.ofMinutes(1))
                .pollInterval(POLL)
                .until(
                        () -> firstDelivery(d -> d.carries("executor.silent", "firing")
                                && !d.receivedAt().isBefore(stopping)),
                        d -> d != null);
        step(3, "executor.silent webhook %s after the executor stopped", between(stopping, silentHook.receivedAt()));

        // The sync points the collector holds now that nothing replicates any more.
        Map<String, Instant> lastSync = new HashMap<>();
        for (String job : List.of(JOB_A, JOB_B)) {
            String sync = await("lastSync of " + job)
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(POLL)
                    .until(
                            () -> api.job(job)
                                    .map(a -> a.body().path("lastSync").asText(null))
                                    .orElse(null),
                            v -> v != null);
            lastSync.put(job, Instant.parse(sync));
        }
        for (String job : List.of(JOB_A, JOB_B)) {
            Instant due = lastSync.get(job).plus(E2eConfig.RPO_TARGET);
            Seen breached = awaitFinding(
                    "rpo.breached",
                    FindingData.FIRING,
                    job,
                    stopping,
                    Duration.between(Instant.now(), due).plusMinutes(1));
            Instant startsAt = breached.finding().startsAt();
            assertThat(breached.finding().labels()).containsEntry("executor", E2eConfig.EXECUTOR_ID);
            assertThat(startsAt)
                    .as("rpo.breached of %s not before lastSync + target", job)
                    .isAfterOrEqualTo(due);
            assertThat(Duration.between(due, startsAt))
                    .as("rpo.breached of %s after lastSync + target", job)
                    .isLessThanOrEqualTo(E2eConfig.PUNCTUATE.plusSeconds(3));
            step(
                    3,
                    "rpo.breached of %s started %s after the executor stopped, %s after lastSync + target (%s)",
                    job,
                    between(stopping, startsAt),
                    between(due, startsAt),
                    breached.finding().summary());
        }

        // Inhibited: within a group's wait and two intervals (and then some) no rpo.breached notification arrives.
        Duration hold = E2eConfig.GROUP_WAIT
                .plus(E2eConfig.GROUP_INTERVAL.multipliedBy(2))
                .plusSeconds(2);
        await("no rpo.breached notification while executor.silent fires")
                .during(hold)
                .atMost(hold.plusSeconds(10))
                .pollInterval(POLL)
                .untilAsserted(() -> assertThat(
                                webhook.deliveries(d -> d.alertNames().contains("rpo.breached")
                                        && !d.receivedAt().isBefore(stopping)))
                        .as("rpo.breached webhooks since the executor stopped")
                        .isEmpty());
        assertThat(webhook.deliveries(d -> d.carries("executor.silent", "firing")
                        && !d.receivedAt().isBefore(stopping)))
                .as("executor.silent notifications since the stop")
                .hasSize(1);
        step(3, "rpo.breached inhibited: no rpo.breached notification since the stop, executor.silent notified once");
        checkUncausedFindings(stopping);
    }

    // ------------------------------------------------------------------ step 4

    private void stepFourRestartWithoutDuplicates() throws Exception {
        List<Delivery> before = webhook.deliveries();
        Set<String> idsBefore = before.stream().map(Delivery::webhookId).collect(Collectors.toSet());
        Set<String> identitiesBefore = before.stream().map(Delivery::identity).collect(Collectors.toSet());
        String bootstrap = pipeline.bootstrap();
        int kafkaPort = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));

        Instant restarting = Instant.now();
        recorder.close();
        recorder = null;
        pipeline.close();
        pipeline = null;
        start(kafkaPort);
        step(4, "pipeline closed and started again on the same state and Kafka data in %s", since(restarting));

        await("alerting ready")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(POLL)
                .until(() -> pipeline.alerting().ready());
        String group = config.kafka().topics().prefix() + ".alerting." + E2eConfig.ALERTING_ID;
        await("alerting's findings consumer caught up")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> ConsumerLag.of(
                                pipeline.bootstrap(),
                                group,
                                config.kafka().topics().findings())
                        == 0);
        step(4, "alerting ready and its findings consumer caught up %s after the restart began", since(restarting));

        Delivery silentResolved = await("executor.silent resolved after the restart")
                .atMost(Duration.ofMinutes(1))
                .pollInterval(POLL)
                .until(
                        () -> firstDelivery(d -> d.carries("executor.silent", "resolved")
                                && !d.receivedAt().isBefore(restarting)),
                        d -> d != null);
        step(
                4,
                "executor.silent resolved webhook %s after the restart began",
                between(restarting, silentResolved.receivedAt()));

        // Long enough for a re-read or re-sent finding to pass group wait and two intervals once more.
        Duration settle = E2eConfig.RESEND.plus(E2eConfig.GROUP_WAIT).plus(E2eConfig.GROUP_INTERVAL.multipliedBy(2));
        await("no notification sent twice across the restart")
                .during(settle)
                .atMost(settle.plusSeconds(10))
                .pollInterval(POLL)
                .untilAsserted(() -> assertThat(duplicates(idsBefore, identitiesBefore, restarting))
                        .as("deliveries after the restart that repeat one from before (or each other)")
                        .isEmpty());
        List<Delivery> after = webhook.deliveries(d -> !d.receivedAt().isBefore(restarting));
        step(
                4,
                "no duplicate notification: %d deliveries before the restart, %d after (%s)",
                before.size(),
                after.size(),
                after.stream().map(d -> d.status() + " " + d.alertNames()).collect(Collectors.joining("; ")));
    }

    private List<Delivery> duplicates(Set<String> idsBefore, Set<String> identitiesBefore, Instant restarting) {
        List<Delivery> duplicates = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Delivery d : webhook.deliveries(d -> !d.receivedAt().isBefore(restarting))) {
            if (idsBefore.contains(d.webhookId())
                    || identitiesBefore.contains(d.identity())
                    || !seen.add(d.identity())) {
                duplicates.add(d);
            }
        }
        return duplicates;
    }

    // ------------------------------------------------------------------ plumbing

    private void start(int kafkaPort) throws Exception {
        Map<String, Object> yaml = E2eConfig.render(
                nodes,
                List.of(VMID_A, VMID_B),
                dir.resolve("state"),
                dir.resolve("kafka"),
                kafkaPort,
                webhook.url(),
                zabbix.port());
        Path file = E2eConfig.write(yaml, dir.resolve("zsentinel.yaml"));
        config = PipelineConfig.load(file, environment);
        pipeline = Pipeline.start(config, EnumSet.allOf(Pipeline.Part.class), environment, Clock.systemUTC(), false);
        recorder = KafkaRecorder.start(pipeline.bootstrap(), config.kafka().topics());
        api = new CollectorApi(pipeline.collector().httpPort());
    }

    private Seen awaitFinding(String name, String status, String job, Instant notBefore, Duration atMost) {
        return await(name + " " + status + (job == null ? "" : " for " + job))
                .atMost(atMost)
                .pollInterval(POLL)
                .until(() -> recorder.firstFinding(name, status, job, notBefore), s -> s != null);
    }

    private Delivery firstDelivery(java.util.function.Predicate<Delivery> filter) {
        return webhook.deliveries(filter).stream().findFirst().orElse(null);
    }

    /**
     * What the test did not cause. The untouched job must never look broken or at risk, nor be resynced: the
     * executor reports the target's new snapshot before it prunes the old base, so the collector
     * never sees the two sides without a common snapshot (asserted). Executor silence and RPO
     * notifications while the executor ran are printed for the report (short heartbeats at start-up).
     */
    private void checkUncausedFindings(Instant stopping) {
        assertThat(recorder.findings("chain.broken", FindingData.FIRING, JOB_B))
                .as("chain.broken of the untouched %s", JOB_B)
                .isEmpty();
        assertThat(recorder.findings("chain.at_risk", FindingData.FIRING, JOB_B))
                .as("chain.at_risk of the untouched %s (one common snapshot is its steady state)", JOB_B)
                .isEmpty();
        assertThat(recorder.events(EventType.COMMAND_RESYNC, JOB_B))
                .as("resync commands for the untouched %s", JOB_B)
                .isEmpty();
        Set<Instant> earlySilence = new java.util.TreeSet<>();
        recorder.findings("executor.silent", FindingData.FIRING, null).stream()
                .filter(s -> s.readAt().isBefore(stopping))
                .forEach(s -> earlySilence.add(s.finding().startsAt()));
        if (!earlySilence.isEmpty()) {
            note(
                    "executor.silent fired %d time(s) while the executor was running, at %s",
                    earlySilence.size(), earlySilence);
        }
        List<Delivery> rpoBefore = webhook.deliveries(
                d -> d.alertNames().contains("rpo.breached") && d.receivedAt().isBefore(stopping));
        if (!rpoBefore.isEmpty()) {
            note("%d rpo.breached notifications before the executor stopped: %s", rpoBefore.size(), rpoBefore);
        }
    }

    /** Every finding episode change the collector published, once each (re-sends left out). */
    private void recordTimeline() {
        Set<String> shown = new HashSet<>();
        for (Seen s : recorder.seen(s -> s.event().type() == EventType.FINDING)) {
            FindingData f = s.finding();
            if (shown.add(f.fingerprint() + f.status() + f.startsAt())) {
                timeline.add(String.format(
                        Locale.ROOT,
                        "E2E finding %s %-8s %-15s %-10s %s",
                        s.event().time(),
                        f.status(),
                        f.name(),
                        f.labels().getOrDefault("job", f.labels().getOrDefault("executor", "")),
                        f.firing() ? f.summary() : ""));
            }
        }
    }

    private void note(String format, Object... args) {
        String line = "E2E note: " + String.format(Locale.ROOT, format, args);
        report.add(line);
        System.out.println(line);
    }

    private void step(int n, String format, Object... args) {
        String line = "E2E step " + n + ": " + String.format(Locale.ROOT, format, args);
        report.add(line);
        System.out.println(line);
    }

    private static String since(Instant start) {
        return between(start, Instant.now());
    }

    private static String between(Instant a, Instant b) {
        return String.format(Locale.ROOT, "%.1f s", Duration.between(a, b).toMillis() / 1000.0);
    }
}
