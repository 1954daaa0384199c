package io.zsentinel.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zsentinel.broker.EmbeddedKafka;
import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.EventType;
import io.zsentinel.events.data.DrillData;
import io.zsentinel.events.data.ErrorClass;
import io.zsentinel.events.data.EventData;
import io.zsentinel.events.data.FindingData;
import io.zsentinel.events.data.HeartbeatData;
import io.zsentinel.events.data.JobFailedData;
import io.zsentinel.events.data.JobSucceededData;
import io.zsentinel.events.data.ResyncData;
import io.zsentinel.events.data.RunStage;
import io.zsentinel.events.kafka.TopicAdmin;
import io.zsentinel.events.kafka.Topics;
import io.zsentinel.testkit.kafka.KafkaBrokerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zsentinel report} against a real broker: the events of one job over 100 s, written to
 * the topics, and the report's figures, which are worked out by hand from those events.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ReportCommandTest {
    private static final String JOB = "lab/101-0";
    private static final Instant T0 = Instant.parse("2026-11-02T00:00:00Z");
    private static final String SOURCE = Envelope.source("executor", "ex1");

    @TempDir
    Path dir;

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private static Envelope event(EventType type, String subject, EventData data, long seconds) {
        return Envelope.of(type, SOURCE, subject, data, Clock.fixed(at(seconds), ZoneOffset.UTC));
    }

    private static Envelope synced(long seconds, long syncPoint) {
        return event(
                EventType.JOB_SUCCEEDED,
                JOB,
                new JobSucceededData(
                        "run-" + seconds,
                        "pve1",
                        "pve2",
                        at(syncPoint),
                        "__replicate_101-0_" + at(syncPoint).getEpochSecond() + "__",
                        List.of("rpool/data/vm-101-disk-0"),
                        2_000,
                        1_000),
                seconds);
    }

    private static Envelope chainBroken(String status, Instant endsAt, long seconds) {
        return event(
                EventType.FINDING,
                JOB,
                new FindingData(
                        "fp-chain",
                        "chain.broken",
                        status,
                        "critical",
                        Map.of("alertname", "chain.broken", "job", JOB),
                        Map.of(),
                        JOB + ": chain broken",
                        at(45),
                        endsAt,
                        null),
                seconds);
    }

    @Test
    void theReportsFiguresAreThoseOfTheEvents(EmbeddedKafka kafka) throws Exception {
        Topics topics = new Topics(KafkaBrokerExtension.uniquePrefix("report"));
        TopicAdmin.ensure(kafka.bootstrapServers(), topics);
        try (EventSender sender = new EventSender(kafka.bootstrapServers())) {
            sender.send(
                    topics.events(),
                    "ex1",
                    event(
                            EventType.EXECUTOR_HEARTBEAT,
                            "ex1",
                            new HeartbeatData(
                                    "ex1",
                                    30,
                                    List.of(new HeartbeatData.JobInfo(
                                            JOB,
                                            "pve1",
                                            "pve2",
                                            List.of("rpool/data/vm-101-disk-0"),
                                            "*/1",
                                            30,
                                            true,
                                            at(60),
                                            0,
                                            false,
                                            null))),
                            0));
            sender.send(topics.events(), JOB, synced(10, 5));
            sender.send(topics.events(), JOB, synced(40, 38));
            sender.send(topics.findings(), JOB, chainBroken(FindingData.FIRING, null, 45));
            sender.send(
                    topics.events(),
                    JOB,
                    event(
                            EventType.JOB_FAILED,
                            JOB,
                            new JobFailedData(
                                    "run-50",
                                    "pve1",
                                    "pve2",
                                    RunStage.SEND,
                                    ErrorClass.CHAIN_BROKEN,
                                    "no common snapshot",
                                    1),
                            50));
            sender.send(
                    topics.events(),
                    JOB,
                    event(
                            EventType.RESYNC_COMPLETED,
                            JOB,
                            new ResyncData(
                                    "cmd-1",
                                    "pve1",
                                    "pve2",
                                    List.of("rpool/data/vm-101-disk-0"),
                                    ResyncData.INCREMENTAL,
                                    "__replicate_101-0_1__",
                                    List.of(),
                                    null),
                            60));
            sender.send(topics.findings(), JOB, chainBroken(FindingData.RESOLVED, at(65), 65));
            sender.send(topics.events(), JOB, synced(70, 60));
            sender.send(
                    topics.events(),
                    JOB,
                    event(
                            EventType.DRILL_COMPLETED,
                            JOB,
                            new DrillData(
                                    "d-1",
                                    DrillData.MANUAL,
                                    "pve1",
                                    "pve2",
                                    at(80),
                                    1_200L,
                                    20L,
                                    List.of(),
                                    null,
                                    null),
                            81));
            sender.send(topics.events(), JOB, synced(150, 140)); // after the period
        }
        Path config = Files.writeString(
                dir.resolve("zsentinel.yaml"),
                "kafka:\n  bootstrap: " + kafka.bootstrapServers() + "\n  topicPrefix: " + topics.prefix() + "\n");
        Path csv = dir.resolve("rpo.csv");
        Path html = dir.resolve("rpo.html");
        Cli.Result r = Cli.execute(
                Map.of(),
                "report",
                "--config",
                config.toString(),
                "--from",
                T0.toString(),
                "--to",
                at(100).toString(),
                "--csv",
                csv.toString(),
                "--html",
                html.toString(),
                "-o",
                "json");
        assertThat(r.exit()).as(r.stderr()).isZero();

        // syncs at 10/40/70 s with data of 5/38/60 s: teeth 5->35, 2->32, 10->40 s; above 30 s for 5+2+10 s;
        // 5 % of the 90 s covered is 4.5 s, which only the last tooth spends above 35.5 s
        assertThat(Files.readString(csv))
                .isEqualTo(
                        "job,rpo_target_seconds,max_rpo_seconds,p95_rpo_seconds,seconds_above_target,covered_seconds,syncs,failures,"
                                + "chain_incidents,chain_incidents_open,resyncs,drills_completed,drills_failed,last_drill\r\n"
                                + JOB + ",30,40,35,17,90,3,1,1,0,1,1,0," + at(81) + "\r\n");
        JsonNode job = EventCodec.mapper().readTree(r.stdout()).get(0);
        assertThat(job.path("incidents").get(0).path("startsAt").asText()).isEqualTo(at(45).toString());
        assertThat(job.path("incidents").get(0).path("resolvedAt").asText()).isEqualTo(at(65).toString());

        String page = Files.readString(html);
        assertThat(page)
                .startsWith("<!DOCTYPE html>")
                .contains("<h2 id=\"" + JOB + "\">")
                .contains("chain.broken from " + at(45) + ", resolved " + at(65) + " (20s)")
                .contains("No RPO known for 10s of the period")
                .doesNotContain("<script");
        // one rising line per tooth: 3 teeth, 6 points; the target as a dashed line
        String points = page.replaceAll("(?s).*<polyline[^>]*points=\"([^\"]*)\".*", "$1");
        assertThat(points.split(" ")).hasSize(6);
        assertThat(page).contains("stroke-dasharray");

        Cli.Result badPeriod = Cli.execute(
                Map.of(), "report", "--config", config.toString(), "--from", at(100).toString(), "--to", T0.toString());
        assertThat(badPeriod.exit()).isEqualTo(2);
        assertThat(badPeriod.stderr()).contains("--from: must be before --to");
    }
}
