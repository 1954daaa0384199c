package io.zsentinel.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.EventType;
import io.zsentinel.events.data.AuditData;
import io.zsentinel.events.data.DrillData;
import io.zsentinel.events.data.ResyncData;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's verbs against a running pipeline (embedded broker, collector, alerting, executor)
 * on the lab: {@code findings}, {@code run-now}, {@code resync [--dry-run]}, {@code drill},
 * {@code silence add|list|expire}, each with its exit code and its {@code --output json}. Job 310 has data and
 * a schedule that never fires after its first run, so a run after {@code run-now} is the
 * command's; job 311 has no dataset on the source, so it fails and {@code job.failing} fires.
 */
@ExtendWith(LabExtension.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class CliVerbsTest {
    private static final String HEALTHY = "310";
    private static final String FAILING = "311";
    private static final String NOT_OWNED = "312";
    /** Never again after the first run: a run the test sees later was ordered. */
    private static final String NEVER = "2015-10-21";

    private static final Duration POLL = Duration.ofMillis(250);

    @TempDir
    Path dir;

    private LabZfs zfs;
    private List<LabDescriptor.Node> nodes;
    private final Map<String, String> environment = new HashMap<>();
    private WebhookReceiver webhook;
    private ZabbixCapture zabbix;
    private Pipeline pipeline;
    private KafkaRecorder recorder;
    private Job healthy;
    private Job failing;

    @BeforeEach
    void start(Lab lab) throws Exception {
        zfs = new LabZfs(lab);
        nodes = lab.nodeNames().stream().map(lab::info).toList();
        healthy = new Job(HEALTHY, nodes.get(0), nodes.get(1), NEVER, 0);
        failing = new Job(FAILING, nodes.get(0), nodes.get(1), NEVER, 0);
        removeGuests();
        zfs.createWithData(healthy.source().name(), healthy.dataset(), 1);
        Secrets secrets = Secrets.generate();
        environment.putAll(secrets.environment());
        webhook = WebhookReceiver.start(secrets.webhookKey());
        zabbix = ZabbixCapture.start();
        Path file = config("zsentinel.yaml", List.of(healthy, failing));
        pipeline = Pipeline.start(
                PipelineConfig.load(file, environment),
                EnumSet.allOf(Pipeline.Part.class),
                environment,
                Clock.systemUTC(),
                false);
        recorder = KafkaRecorder.withAudit(
                pipeline.bootstrap(),
                PipelineConfig.load(file, environment).kafka().topics());
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {recorder, pipeline, webhook, zabbix}) {
            if (c != null) {
                c.close();
            }
        }
        if (zfs != null) {
            removeGuests();
        }
    }

    @Test
    void everyVerbAgainstARunningPipeline() throws Exception {
        String collectorApi = "http://127.0.0.1:" + pipeline.collector().httpPort();
        String alertingApi = "http://127.0.0.1:" + pipeline.alerting().httpPort();
        String config = dir.resolve("zsentinel.yaml").toString();

        // findings: the failing job's job.failing, in JSON and in the table
        JsonNode failingNow = await("job.failing of " + failing.key() + " listed by `findings -o json`")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(POLL)
                .until(
                        () -> {
                            Cli.Result r = Cli.execute(environment, "findings", "--api", collectorApi, "-o", "json");
                            if (r.exit() != 0) {
                                return null;
                            }
                            for (JsonNode f : EventCodec.mapper().readTree(r.stdout())) {
                                if ("job.failing".equals(f.path("name").asText())
                                        && failing.key()
                                                .equals(f.path("labels")
                                                        .path("job")
                                                        .asText())) {
                                    return f;
                                }
                            }
                            return null;
                        },
                        f -> f != null);
        assertThat(failingNow.path("status").asText()).isEqualTo("firing");
        Cli.Result table = Cli.execute(environment, "findings", "--api", collectorApi, "--name", "job.failing");
        assertThat(table.exit()).isZero();
        assertThat(table.stdout())
                .startsWith("Severity")
                .containsPattern("job\\.failing\\s+" + Pattern.quote(failing.key()));

        // status: the job's firing findings beside its pvesr columns (the job's status is published with the
        // evaluation's next flush, which can come after the finding: clean-clone run d1 of f33a770 read [] once)
        JsonNode statusOfFailing = await("`status -o json` shows " + failing.key() + " with job.failing")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(POLL)
                .until(
                        () -> {
                            Cli.Result r = Cli.execute(environment, "status", "--api", collectorApi, "-o", "json");
                            if (r.exit() != 0) {
                                return null;
                            }
                            for (JsonNode j : EventCodec.mapper().readTree(r.stdout())) {
                                if (failing.key().equals(j.path("job").asText())
                                        && j.path("findings").toString().contains("\"job.failing\"")) {
                                    return j;
                                }
                            }
                            return null;
                        },
                        j -> j != null);
        assertThat(statusOfFailing.path("enabled").asBoolean()).isTrue();

        // run-now: accepted, and a run of the job follows (its schedule would never run it)
        await("first run of " + healthy.key())
                .atMost(Duration.ofMinutes(2))
                .pollInterval(POLL)
                .until(() ->
                        !recorder.events(EventType.JOB_SUCCEEDED, healthy.key()).isEmpty());
        Instant ordered = Instant.now();
        Cli.Result runNow =
                Cli.execute(environment, "run-now", healthy.key(), "--config", config, "--reason", "test run-now");
        assertThat(runNow.exit()).as(runNow.stderr()).isZero();
        assertThat(runNow.stdout()).contains("run-now " + healthy.key()).contains("accepted by");
        String runNowId = commandId(runNow.stdout());
        Seen ran = await("a run of " + healthy.key() + " after run-now")
                .atMost(Duration.ofMinutes(1))
                .pollInterval(POLL)
                .until(
                        () -> recorder.events(EventType.JOB_SUCCEEDED, healthy.key()).stream()
                                .filter(s -> s.readAt().isAfter(ordered))
                                .findFirst()
                                .orElse(null),
                        s -> s != null);
        assertThat(ran).isNotNull();
        List<AuditData> audits = audits(runNowId);
        assertThat(audits)
                .as("audits of the run-now command")
                .extracting(AuditData::action)
                .startsWith("command.issued", "command.accepted");
        assertThat(audits.get(0).actor()).startsWith("cli/");

        // resync --dry-run: accepted, nothing done; resync: accepted and started
        Cli.Result dry =
                Cli.execute(environment, "resync", healthy.key(), "--config", config, "--dry-run", "-o", "json");
        assertThat(dry.exit()).as(dry.stderr()).isZero();
        JsonNode dryAnswer = EventCodec.mapper().readTree(dry.stdout());
        assertThat(dryAnswer.path("answer").asText()).isEqualTo("accepted");
        assertThat(dryAnswer.path("dryRun").asBoolean()).isTrue();
        assertThat(dryAnswer.path("reason").asText()).contains("dry run");
        String dryId = dryAnswer.path("commandId").asText();

        Cli.Result resync = Cli.execute(environment, "resync", healthy.id(), "--config", config, "-o", "json");
        assertThat(resync.exit()).as(resync.stderr()).isZero();
        String resyncId =
                EventCodec.mapper().readTree(resync.stdout()).path("commandId").asText();
        Seen started = await("resync.started of the CLI's resync")
                .atMost(Duration.ofMinutes(1))
                .pollInterval(POLL)
                .until(
                        () -> recorder.events(EventType.RESYNC_STARTED, healthy.key()).stream()
                                .filter(s -> resyncId.equals(
                                        s.event().data(ResyncData.class).commandId()))
                                .findFirst()
                                .orElse(null),
                        s -> s != null);
        assertThat(started).isNotNull();
        assertThat(recorder.events(EventType.RESYNC_STARTED, healthy.key()))
                .as("resyncs started by the dry run")
                .noneMatch(s -> dryId.equals(s.event().data(ResyncData.class).commandId()));

        await("the CLI's resync done")
                .atMost(Duration.ofMinutes(1))
                .pollInterval(POLL)
                .until(() -> recorder.events(EventType.RESYNC_COMPLETED, healthy.key()).stream()
                        .anyMatch(s ->
                                resyncId.equals(s.event().data(ResyncData.class).commandId())));

        // drill: the replica cloned, verified against the source, the clones destroyed, the event published
        Instant drilling = Instant.now();
        Cli.Result drill = Cli.execute(environment, "drill", "--config", config, "--job", healthy.key(), "-o", "json");
        assertThat(drill.exit()).as(drill.stdout() + drill.stderr()).isZero();
        JsonNode drilled = EventCodec.mapper().readTree(drill.stdout()).get(0);
        assertThat(drilled.path("reason").isNull()).as(drilled.toString()).isTrue();
        JsonNode restored = drilled.path("datasets").get(0);
        assertThat(restored.path("verified").asBoolean()).isTrue();
        assertThat(restored.path("replicaDigest").asText())
                .matches("[0-9a-f]{64}")
                .isEqualTo(restored.path("sourceDigest").asText());
        assertThat(restored.path("files").asLong())
                .isEqualTo(Long.parseLong(zfs.contentDigest(healthy.source().name(), healthy.dataset())
                        .split(" ")[0]));
        Seen published = await("drill.completed on the events topic")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(POLL)
                .until(
                        () -> recorder.events(EventType.DRILL_COMPLETED, healthy.key()).stream()
                                .filter(s -> s.readAt().isAfter(drilling))
                                .findFirst()
                                .orElse(null),
                        s -> s != null);
        assertThat(published.event().data(DrillData.class).drillId())
                .isEqualTo(drilled.path("drillId").asText());
        assertNoDrillClones();

        Cli.Result noReplica = Cli.execute(environment, "drill", "--config", config, "--job", failing.id());
        assertThat(noReplica.exit()).isEqualTo(ErrorHandler.FAILURE);
        assertThat(noReplica.stdout()).startsWith("FAILED " + failing.key()).contains("NO_REPLICA");
        await("drill.failed on the events topic")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(POLL)
                .until(() ->
                        !recorder.events(EventType.DRILL_FAILED, failing.key()).isEmpty());

        // a wrong secret: rejected (exit 1); a job no executor owns: no answer (exit 3); an unknown job: exit 2
        Map<String, String> wrong = new HashMap<>(environment);
        wrong.put(E2eConfig.COMMAND_SECRET_ENV, "not-the-secret-of-this-executor");
        Cli.Result rejected = Cli.execute(wrong, "run-now", healthy.key(), "--config", config);
        assertThat(rejected.exit()).as(rejected.stdout() + rejected.stderr()).isEqualTo(ErrorHandler.FAILURE);
        assertThat(rejected.stdout()).contains("rejected by").contains("BAD_SIGNATURE");

        Path wider = config(
                "wider.yaml", List.of(healthy, failing, new Job(NOT_OWNED, nodes.get(0), nodes.get(1), NEVER, 0)));
        Cli.Result unanswered = Cli.execute(
                environment,
                "run-now",
                NOT_OWNED + "-0",
                "--config",
                wider.toString(),
                "--bootstrap",
                pipeline.bootstrap(),
                "--wait",
                "3s");
        assertThat(unanswered.exit()).as(unanswered.stderr()).isEqualTo(CommandVerb.NO_ANSWER);
        assertThat(unanswered.stdout()).contains("no answer within 3s");

        Cli.Result unknown = Cli.execute(environment, "run-now", "lab/999-0", "--config", config);
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("no job lab/999-0").contains(healthy.key());

        // silences: add, list, expire
        Cli.Result added = Cli.execute(
                environment,
                "silence",
                "add",
                "--alerting-api",
                alertingApi,
                "alertname=\"job.failing\"",
                "job=\"" + failing.key() + "\"",
                "--duration",
                "1h",
                "--comment",
                "known: no disk yet");
        assertThat(added.exit()).as(added.stderr()).isZero();
        String silenceId = added.stdout().strip();
        assertThat(silenceId).isNotBlank();
        Cli.Result listed = Cli.execute(environment, "silence", "list", "--alerting-api", alertingApi);
        assertThat(listed.stdout())
                .contains(silenceId)
                .contains("active")
                .contains("job=\"" + failing.key() + "\"")
                .contains("known: no disk yet");
        Cli.Result expired = Cli.execute(environment, "silence", "expire", silenceId, "--alerting-api", alertingApi);
        assertThat(expired.exit()).as(expired.stderr()).isZero();
        assertThat(Cli.execute(environment, "silence", "list", "--alerting-api", alertingApi)
                        .stdout())
                .doesNotContain(silenceId);
        JsonNode all = EventCodec.mapper()
                .readTree(Cli.execute(
                                environment, "silence", "list", "--all", "--alerting-api", alertingApi, "-o", "json")
                        .stdout());
        assertThat(all).anySatisfy(s -> {
            assertThat(s.path("id").asText()).isEqualTo(silenceId);
            assertThat(s.path("status").path("state").asText()).isEqualTo("expired");
        });
        Cli.Result badMatcher =
                Cli.execute(environment, "silence", "add", "--alerting-api", alertingApi, "job", "--duration", "1h");
        assertThat(badMatcher.exit()).isEqualTo(2);
        assertThat(badMatcher.stderr()).contains("MATCHER").contains("is not a matcher");
        assertThat(recorder.failure()).isNull();
    }

    private Path config(String name, List<Job> jobs) throws Exception {
        E2eConfig.Spec spec = new E2eConfig.Spec(
                        dir.resolve("state"),
                        Map.of("dataDir", dir.resolve("kafka").toString(), "port", 0),
                        webhook.url(),
                        zabbix.port())
                .executor(E2eConfig.EXECUTOR_ID, jobs);
        return E2eConfig.write(E2eConfig.render(spec), dir.resolve(name));
    }

    private List<AuditData> audits(String commandId) {
        return await("the audits of " + commandId)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(POLL)
                .until(
                        () -> recorder
                                .seen(s -> s.event().type() == EventType.AUDIT
                                        && commandId.equals(s.event()
                                                .data(AuditData.class)
                                                .attributes()
                                                .get("commandId")))
                                .stream()
                                .map(s -> s.event().data(AuditData.class))
                                .toList(),
                        l -> l.size() >= 2);
    }

    private static String commandId(String stdout) {
        Matcher m = Pattern.compile("\\(([0-9a-f-]{36})\\)").matcher(stdout);
        assertThat(m.find()).as("a command id in: " + stdout).isTrue();
        return m.group(1);
    }

    private void assertNoDrillClones() {
        for (LabDescriptor.Node node : nodes) {
            assertThat(zfs.datasets(node.name(), "rpool/zsentinel_drill_"))
                    .as("drill clones on " + node.name())
                    .isEmpty();
        }
    }

    private void removeGuests() {
        for (LabDescriptor.Node node : nodes) {
            for (String vmid : List.of(HEALTHY, FAILING, NOT_OWNED)) {
                zfs.destroyAll(node.name(), E2eConfig.dataset(nodes.get(0), vmid));
            }
        }
    }
}
