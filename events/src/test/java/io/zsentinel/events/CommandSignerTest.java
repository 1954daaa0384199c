package io.zsentinel.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zsentinel.events.CommandSigner.Verdict;
import io.zsentinel.events.data.CommandData;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CommandSignerTest {
    private static final Instant NOW = Instant.parse("2026-11-26T07:00:00Z");
    private final CommandSigner signer =
            new CommandSigner("a-secret-of-32-bytes-for-tests!!".getBytes(StandardCharsets.UTF_8));

    private static CommandData command() {
        return new CommandData(
                "cmd-1",
                CommandData.RESYNC,
                "lab/101-0",
                "alerting/a1",
                "chain.broken",
                NOW,
                NOW.plusSeconds(600),
                false,
                null);
    }

    @Test
    void aSignedCommandVerifies() {
        CommandData signed = signer.sign(command());
        assertThat(signed.signature()).startsWith("v1,");
        assertThat(signer.verify(signed, NOW.plusSeconds(10))).isEqualTo(Verdict.VALID);
    }

    @Test
    void anyChangedFieldBreaksTheSignature() {
        CommandData signed = signer.sign(command());
        CommandData otherJob = new CommandData(
                signed.commandId(),
                signed.action(),
                "lab/102-0",
                signed.issuedBy(),
                signed.reason(),
                signed.issuedAt(),
                signed.expiresAt(),
                signed.dryRun(),
                signed.signature());
        CommandData longer = new CommandData(
                signed.commandId(),
                signed.action(),
                signed.job(),
                signed.issuedBy(),
                signed.reason(),
                signed.issuedAt(),
                signed.expiresAt().plusSeconds(3600),
                signed.dryRun(),
                signed.signature());
        CommandData notDry = new CommandData(
                signed.commandId(),
                signed.action(),
                signed.job(),
                signed.issuedBy(),
                signed.reason(),
                signed.issuedAt(),
                signed.expiresAt(),
                true,
                signed.signature());
        assertThat(signer.verify(otherJob, NOW)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(signer.verify(longer, NOW)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(signer.verify(notDry, NOW)).isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void anotherSecretDoesNotVerify() {
        CommandSigner other = new CommandSigner("another-secret-of-32-bytes-here!".getBytes(StandardCharsets.UTF_8));
        assertThat(other.verify(signer.sign(command()), NOW)).isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void expiryAndClockSkewAreEnforced() {
        CommandData signed = signer.sign(command());
        assertThat(signer.verify(signed, NOW.plusSeconds(600))).isEqualTo(Verdict.EXPIRED);
        assertThat(signer.verify(signed, NOW.minusSeconds(61))).isEqualTo(Verdict.NOT_YET_VALID);
        assertThat(signer.verify(signed, NOW.minusSeconds(59))).isEqualTo(Verdict.VALID);
    }

    @Test
    void unsignedCommandsAreRejected() {
        assertThat(signer.verify(command(), NOW)).isEqualTo(Verdict.UNSIGNED);
    }

    @Test
    void shortSecretsAreRefused() {
        assertThatThrownBy(() -> new CommandSigner(new byte[8])).hasMessageContaining("16 bytes");
    }
}
