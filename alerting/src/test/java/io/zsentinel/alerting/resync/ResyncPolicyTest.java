package io.zsentinel.alerting.resync;

import static io.zsentinel.alerting.resync.ResyncDecision.Reason.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.alerting.support.Findings;
import io.zsentinel.common.config.Secret;
import io.zsentinel.events.data.FindingData;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResyncPolicyTest {
    /** Monday 2026-01-05 10:00 UTC. */
    private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");

    private static final Instant EPISODE = NOW.minusSeconds(300);

    private static ResyncConfig config(boolean enabled, boolean dryRun, List<String> blackout) {
        return new ResyncConfig(
                enabled,
                dryRun,
                List.of("lab/*", "prod/200-0"),
                Duration.ofHours(1),
                2,
                Duration.ofHours(6),
                blackout.stream().map(BlackoutWindow::parse).toList(),
                ZoneId.of("UTC"),
                Duration.ofMinutes(15),
                1.3,
                Secret.of("0123456789abcdef0123", "test"));
    }

    private static FindingData broken(String job, String status, Long source, Long free) {
        Map<String, String> annotations = new HashMap<>();
        if (source != null) {
            annotations.put("source_bytes", source.toString());
        }
        if (free != null) {
            annotations.put("target_free_bytes", free.toString());
        }
        return Findings.finding(
                "chain.broken",
                status,
                EPISODE,
                annotations,
                "cluster=" + job.split("/")[0],
                "job=" + job,
                "node=pve1",
                "target=pve2");
    }

    /** state: "" none; "issued:<minutes ago>:<same|old episode>" for the job; "running:<n>" other jobs running. */
    static Stream<Arguments> table() {
        return Stream.of(
                row(
                        "allowed, nothing before",
                        config(true, false, List.of()),
                        broken("lab/101-0", "firing", 100L, 1000L),
                        "",
                        null),
                row(
                        "not chain.broken",
                        config(true, false, List.of()),
                        Findings.finding("rpo.breached", "firing", EPISODE, Map.of(), "job=lab/101-0"),
                        "",
                        NOT_CHAIN_BROKEN),
                row(
                        "resolved",
                        config(true, false, List.of()),
                        broken("lab/101-0", "resolved", null, null),
                        "",
                        NOT_FIRING),
                row(
                        "policy disabled",
                        config(false, false, List.of()),
                        broken("lab/101-0", "firing", null, null),
                        "",
                        DISABLED),
                row(
                        "job not in the allow list",
                        config(true, false, List.of()),
                        broken("prod/201-0", "firing", null, null),
                        "",
                        NOT_ALLOWED),
                row(
                        "exact job allowed",
                        config(true, false, List.of()),
                        broken("prod/200-0", "firing", null, null),
                        "",
                        null),
                row(
                        "space unknown: the executor checks again",
                        config(true, false, List.of()),
                        broken("lab/101-0", "firing", null, null),
                        "",
                        null),
                row(
                        "exactly 1.3 x free",
                        config(true, false, List.of()),
                        broken("lab/101-0", "firing", 1000L, 1300L),
                        "",
                        null),
                row(
                        "less than 1.3 x free",
                        config(true, false, List.of()),
                        broken("lab/101-0", "firing", 1000L, 1299L),
                        "",
                        NO_SPACE),
                row(
                        "no space wins over blackout",
                        config(true, false, List.of("mon 09:00-11:00")),
                        broken("lab/101-0", "firing", 1000L, 10L),
                        "",
                        NO_SPACE),
                row(
                        "inside a blackout window",
                        config(true, false, List.of("mon 09:00-11:00")),
                        broken("lab/101-0", "firing", null, null),
                        "",
                        BLACKOUT),
                row(
                        "outside the blackout window",
                        config(true, false, List.of("sat 00:00-06:00")),
                        broken("lab/101-0", "firing", null, null),
                        "",
                        null),
                row(
                        "overnight window from sunday",
                        config(true, false, List.of("sun 22:00-10:30")),
                        broken("lab/101-0", "firing", null, null),
                        "",
                        BLACKOUT),
                row(
                        "already issued for this episode",
                        config(true, false, List.of()),
                        broken("lab/101-0", "firing", null, null),
                        "issued:120:same",
                        ALREADY_ISSUED),
                row(
                        "new episode within cool-down",
                        config(true, false, List.of()),
                        broken("lab/101-0", "firing", null, null),
                        "issued:30:old",
                        COOL_DOWN),
                row(
                        "new episode after cool-down",
                        config(true, false, List.of()),
                        broken("lab/101-0", "firing", null, null),
                        "issued:61:old",
                        null),
                row(
                        "two others running",
                        config(true, false, List.of()),
                        broken("lab/101-0", "firing", null, null),
                        "running:2",
                        MAX_CONCURRENT),
                row(
                        "one other running",
                        config(true, false, List.of()),
                        broken("lab/101-0", "firing", null, null),
                        "running:1",
                        null),
                row(
                        "dry run still decides",
                        config(true, true, List.of()),
                        broken("lab/101-0", "firing", null, null),
                        "",
                        null));
    }

    private static Arguments row(
            String name, ResyncConfig config, FindingData finding, String state, ResyncDecision.Reason expected) {
        return Arguments.of(name, config, finding, state, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decides(
            String name, ResyncConfig config, FindingData finding, String stateSpec, ResyncDecision.Reason expected) {
        ResyncDecision decision = new ResyncPolicy(config).decide(finding, state(stateSpec), NOW);
        if (expected == null) {
            assertThat(decision).isInstanceOf(ResyncDecision.Issue.class);
            ResyncDecision.Issue issue = (ResyncDecision.Issue) decision;
            assertThat(issue.job()).isEqualTo(finding.labels().get("job"));
            assertThat(issue.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
            assertThat(issue.commandId()).isEqualTo(ResyncPolicy.commandId(issue.job(), EPISODE));
            assertThat(issue.dryRun()).isEqualTo(config.dryRun());
        } else if (expected == NO_SPACE) {
            assertThat(decision)
                    .isInstanceOfSatisfying(
                            ResyncDecision.Refuse.class,
                            r -> assertThat(r.reason()).isEqualTo(NO_SPACE));
        } else {
            assertThat(decision)
                    .isInstanceOfSatisfying(
                            ResyncDecision.Skip.class,
                            s -> assertThat(s.reason()).isEqualTo(expected));
        }
    }

    private static ResyncState state(String spec) {
        ResyncState state = new ResyncState();
        if (spec.startsWith("issued:")) {
            String[] parts = spec.split(":");
            state.issued(
                    "lab/101-0",
                    parts[2].equals("same") ? EPISODE : EPISODE.minusSeconds(86_400),
                    NOW.minus(Duration.ofMinutes(Long.parseLong(parts[1]))));
            state.resolved("lab/101-0");
        } else if (spec.startsWith("running:")) {
            for (int i = 0; i < Integer.parseInt(spec.substring(8)); i++) {
                state.issued("lab/90" + i + "-0", EPISODE, NOW.minusSeconds(60));
            }
        }
        return state;
    }

    @Test
    void aRunningResyncStopsCountingWhenItsFindingResolvesOrAfterMaxDuration() {
        ResyncState state = new ResyncState();
        state.issued("lab/1", EPISODE, NOW.minus(Duration.ofHours(7)));
        state.issued("lab/2", EPISODE, NOW.minusSeconds(60));
        state.issued("lab/3", EPISODE, NOW.minusSeconds(60));
        assertThat(state.running(NOW, Duration.ofHours(6))).isEqualTo(2);
        state.resolved("lab/2");
        assertThat(state.running(NOW, Duration.ofHours(6))).isEqualTo(1);
    }

    @Test
    void theCommandIdIsStablePerEpisode() {
        assertThat(ResyncPolicy.commandId("lab/101-0", EPISODE))
                .isEqualTo(ResyncPolicy.commandId("lab/101-0", EPISODE))
                .isNotEqualTo(ResyncPolicy.commandId("lab/101-0", EPISODE.plusSeconds(1)))
                .startsWith("resync-");
    }
}
