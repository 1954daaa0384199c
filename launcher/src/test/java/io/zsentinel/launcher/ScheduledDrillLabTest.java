package io.zsentinel.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zsentinel.events.EventType;
import io.zsentinel.events.data.DrillData;
import io.zsentinel.launcher.e2e.E2eConfig;
import io.zsentinel.launcher.e2e.E2eConfig.Job;
import io.zsentinel.launcher.e2e.KafkaRecorder;
import io.zsentinel.launcher.e2e.KafkaRecorder.Seen;
import io.zsentinel.launcher.e2e.LabZfs;
import io.zsentinel.launcher.e2e.Secrets;
import io.zsentinel.launcher.e2e.WebhookReceiver;
import io.zsentinel.launcher.e2e.ZabbixCapture;
import io.zsentinel.testkit.lab.Lab;
import io.zsentinel.testkit.lab.LabDescriptor;
import io.zsentinel.testkit.lab.LabExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scheduled restore drills on the lab: the executor drills the job on its drill schedule and
 * publishes {@code drill.completed}; with the target's sshd stopped the drill cannot run, so it
 * publishes {@code drill.failed} (UNREACHABLE), the collector fires {@code drill.failed}, and,
 * the drill staying due, {@code drill.overdue} once it is later than the grace.
 */
@ExtendWith(LabExtension.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class ScheduledDrillLabTest {
    private static final String VMID = "340";
    /** A drill every 20 s; the job's replication runs once, at the start. */
    private static final String DRILLS = "*:*:0/20";

    private static final Duration GRACE = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(250);

    @TempDir
    Path dir;

    private Lab lab;
    private LabZfs zfs;
    private List<LabDescriptor.Node> nodes;
    private Job job;
    private WebhookReceiver webhook;
    private ZabbixCapture zabbix;
    private Pipeline pipeline;
    private KafkaRecorder recorder;

    @BeforeEach
    void start(Lab lab) throws Exception {
        this.lab = lab;
        zfs = new LabZfs(lab);
        nodes = lab.nodeNames().stream().map(lab::info).toList();
        job = new Job(VMID, nodes.get(0), nodes.get(1), "2015-10-21", 0);
        removeGuest();
        zfs.createWithData(job.source().name(), job.dataset(), 1);
        Secrets secrets = Secrets.generate();
        Map<String, String> environment = new HashMap<>(secrets.environment());
        webhook = WebhookReceiver.start(secrets.webhookKey());
        zabbix = ZabbixCapture.start();
        E2eConfig.Spec spec = new E2eConfig.Spec(
                        dir.resolve("state"),
                        Map.of("dataDir", dir.resolve("kafka").toString(), "port", 0),
                        webhook.url(),
                        zabbix.port())
                .executor(E2eConfig.EXECUTOR_ID, List.of(job));
        Map<String, Object> yaml = E2eConfig.render(spec);
        jobsOf(yaml).get(0).put("drillSchedule", DRILLS);
        section(yaml, "collector").put("stall", Map.of("overdueGrace", GRACE.toSeconds() + "s"));
        PipelineConfig config = PipelineConfig.load(E2eConfig.write(yaml, dir.resolve("zsentinel.yaml")), environment);
        pipeline = Pipeline.start(config, EnumSet.allOf(Pipeline.Part.class), environment, Clock.systemUTC(), false);
        recorder = KafkaRecorder.start(pipeline.bootstrap(), config.kafka().topics());
    }

    @AfterEach
    void stop() throws Exception {
        lab.sshdStart(nodes.get(1).name());
        for (AutoCloseable c : new AutoCloseable[] {recorder, pipeline, webhook, zabbix}) {
            if (c != null) {
                c.close();
            }
        }
        if (zfs != null) {
            removeGuest();
        }
    }

    @Test
    void drillsOnScheduleAndIsOverdueWhenItCannotRun() {
        await("the first replication")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(POLL)
                .until(() ->
                        !recorder.events(EventType.JOB_SUCCEEDED, job.key()).isEmpty());
        Seen completed = await("a scheduled drill.completed")
                .atMost(Duration.ofMinutes(1))
                .pollInterval(POLL)
                .until(
                        () -> recorder.events(EventType.DRILL_COMPLETED, job.key()).stream()
                                .findFirst()
                                .orElse(null),
                        s -> s != null);
        DrillData drill = completed.event().data(DrillData.class);
        assertThat(drill.trigger()).isEqualTo(DrillData.SCHEDULE);
        assertThat(drill.datasets()).singleElement().satisfies(d -> {
            assertThat(d.verified()).isTrue();
            assertThat(d.replicaDigest()).isEqualTo(d.sourceDigest());
        });
        for (LabDescriptor.Node node : nodes) {
            await("no drill clone left on " + node.name())
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(POLL)
                    .until(() ->
                            zfs.datasets(node.name(), "rpool/zsentinel_drill_").isEmpty());
        }

        Instant cut = Instant.now();
        lab.sshdStop(job.target().name());
        Seen failed = await("drill.failed while " + job.target() + " is unreachable")
                .atMost(Duration.ofMinutes(1))
                .pollInterval(POLL)
                .until(
                        () -> recorder.events(EventType.DRILL_FAILED, job.key()).stream()
                                .filter(s -> s.readAt().isAfter(cut))
                                .findFirst()
                                .orElse(null),
                        s -> s != null);
        assertThat(failed.event().data(DrillData.class).reason()).isEqualTo("UNREACHABLE");
        await("finding drill.failed")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(POLL)
                .until(() -> recorder.firstFinding("drill.failed", "firing", job.key(), cut) != null);
        Seen overdue = await("finding drill.overdue")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(POLL)
                .until(() -> recorder.firstFinding("drill.overdue", "firing", job.key(), cut), s -> s != null);
        // the drill that failed began at the first tick (500 ms) after it was due: due + grace is at most this late
        Instant earliest =
                failed.event().data(DrillData.class).startedAt().minusSeconds(2).plus(GRACE);
        assertThat(overdue.readAt())
                .as("overdue only once the due drill is later than the grace")
                .isAfter(earliest);
        assertThat(recorder.failure()).isNull();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> jobsOf(Map<String, Object> yaml) {
        return (List<Map<String, Object>>) section(yaml, "executor").get("jobs");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> yaml, String name) {
        return (Map<String, Object>) yaml.get(name);
    }

    private void removeGuest() {
        for (LabDescriptor.Node node : nodes) {
            zfs.destroyAll(node.name(), job.dataset());
        }
    }
}
