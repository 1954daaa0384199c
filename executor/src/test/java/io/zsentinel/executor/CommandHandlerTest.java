package io.zsentinel.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.events.CommandSigner;
import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventType;
import io.zsentinel.events.data.AuditData;
import io.zsentinel.events.data.CommandData;
import io.zsentinel.events.kafka.ReceivedEvent;
import io.zsentinel.events.kafka.Topics;
import io.zsentinel.executor.publish.EventPublisher;
import io.zsentinel.executor.run.RunEvents;
import io.zsentinel.executor.state.ProcessedCommands;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandHandlerTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final byte[] SECRET = "0123456789abcdef0123".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private final List<Envelope> published = new ArrayList<>();
    private final List<CommandData> accepted = new ArrayList<>();
    private CommandHandler handler;
    private final CommandSigner signer = new CommandSigner(SECRET);

    @BeforeEach
    void setUp() {
        EventPublisher recorder = new EventPublisher() {
            @Override
            public void publish(String topic, String key, Envelope event) {
                published.add(event);
            }

            @Override
            public void close() {}
        };
        handler = newHandler(signer, recorder);
    }

    private CommandHandler newHandler(CommandSigner s, EventPublisher p) {
        return new CommandHandler(
                Set.of("lab/101-0"),
                s,
                new ProcessedCommands(dir.resolve("ids"), 100),
                new RunEvents(p, Topics.defaults(), "exec-1", CLOCK),
                CLOCK,
                (job, c) -> accepted.add(c));
    }

    private static CommandData command(String id, String action, String job, Instant expires) {
        return new CommandData(
                id, action, job, "alerting/policy", "chain.broken", NOW.minusSeconds(5), expires, false, null);
    }

    private static ReceivedEvent received(EventType type, CommandData data) {
        return new ReceivedEvent(
                "zsentinel.commands",
                0,
                0,
                data.job(),
                Envelope.of(type, Envelope.source("alerting", "a"), data.job(), data, CLOCK));
    }

    private List<String> auditReasons() {
        return published.stream()
                .filter(e -> e.type() == EventType.AUDIT)
                .map(e -> e.data(AuditData.class).action() + ":"
                        + e.data(AuditData.class).reason())
                .toList();
    }

    @Test
    void aValidCommandIsAcceptedOnceAndAudited() {
        CommandData c = signer.sign(command("c1", CommandData.RESYNC, "lab/101-0", NOW.plusSeconds(60)));
        handler.handle(received(EventType.COMMAND_RESYNC, c));
        handler.handle(received(EventType.COMMAND_RESYNC, c));
        assertThat(accepted).containsExactly(c);
        assertThat(auditReasons()).containsExactly("command.accepted:chain.broken", "command.rejected:DUPLICATE");
    }

    @Test
    void idempotencySurvivesARestart() {
        CommandData c = signer.sign(command("c2", CommandData.RUN_NOW, "lab/101-0", NOW.plusSeconds(60)));
        handler.handle(received(EventType.COMMAND_RUN_NOW, c));
        newHandler(signer, new EventPublisher() {
                    @Override
                    public void publish(String topic, String key, Envelope event) {
                        published.add(event);
                    }

                    @Override
                    public void close() {}
                })
                .handle(received(EventType.COMMAND_RUN_NOW, c));
        assertThat(accepted).hasSize(1);
        assertThat(auditReasons()).last().isEqualTo("command.rejected:DUPLICATE");
    }

    @Test
    void forgedExpiredAndUnsignedAreRejectedAndAudited() {
        CommandData forged = new CommandSigner("another-secret-of-16+".getBytes(StandardCharsets.UTF_8))
                .sign(command("f", CommandData.RESYNC, "lab/101-0", NOW.plusSeconds(60)));
        CommandData expired = signer.sign(command("e", CommandData.RESYNC, "lab/101-0", NOW.minusSeconds(1)));
        CommandData unsigned = command("u", CommandData.RESYNC, "lab/101-0", NOW.plusSeconds(60));
        handler.handle(received(EventType.COMMAND_RESYNC, forged));
        handler.handle(received(EventType.COMMAND_RESYNC, expired));
        handler.handle(received(EventType.COMMAND_RESYNC, unsigned));
        assertThat(accepted).isEmpty();
        assertThat(auditReasons())
                .containsExactly(
                        "command.rejected:BAD_SIGNATURE", "command.rejected:EXPIRED", "command.rejected:UNSIGNED");
    }

    @Test
    void anotherExecutorsJobIsLeftAlone() {
        handler.handle(received(
                EventType.COMMAND_RESYNC,
                signer.sign(command("o", CommandData.RESYNC, "lab/999-0", NOW.plusSeconds(60)))));
        assertThat(accepted).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void withoutASecretEverythingIsRejected() {
        List<Envelope> out = new ArrayList<>();
        CommandHandler noSecret = new CommandHandler(
                Set.of("lab/101-0"),
                null,
                new ProcessedCommands(dir.resolve("x"), 10),
                new RunEvents(
                        new EventPublisher() {
                            @Override
                            public void publish(String topic, String key, Envelope event) {
                                out.add(event);
                            }

                            @Override
                            public void close() {}
                        },
                        Topics.defaults(),
                        "exec-1",
                        CLOCK),
                CLOCK,
                (job, c) -> accepted.add(c));
        noSecret.handle(received(
                EventType.COMMAND_RESYNC,
                signer.sign(command("n", CommandData.RESYNC, "lab/101-0", NOW.plusSeconds(60)))));
        assertThat(accepted).isEmpty();
        assertThat(out)
                .singleElement()
                .satisfies(e -> assertThat(e.data(AuditData.class).reason()).isEqualTo("NO_SECRET"));
    }

    @Test
    void dryRunIsAuditedButNotRun() {
        CommandData dry = signer.sign(new CommandData(
                "d",
                CommandData.RUN_NOW,
                "lab/101-0",
                "op",
                "test",
                NOW.minusSeconds(5),
                NOW.plusSeconds(60),
                true,
                null));
        handler.handle(received(EventType.COMMAND_RUN_NOW, dry));
        assertThat(accepted).isEmpty();
        assertThat(auditReasons()).containsExactly("command.accepted:dry run: nothing done");
    }
}
