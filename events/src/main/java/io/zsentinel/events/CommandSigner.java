package io.zsentinel.events;

import io.zsentinel.events.data.CommandData;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over a command's canonical form, so that the executor runs only what alerting
 * (or an operator holding the secret) issued. The canonical form is a version tag and every
 * field but the signature, joined with newlines; free text ({@code reason}) comes last so a
 * newline inside it cannot shift the other fields.
 */
public final class CommandSigner {
    /** Closed set of verdicts; also the audit reason and a metric label. */
    public enum Verdict {
        VALID,
        UNSIGNED,
        BAD_SIGNATURE,
        EXPIRED,
        NOT_YET_VALID
    }

    private static final String ALGORITHM = "HmacSHA256";
    /** Tolerated clock skew between the issuer and the executor. */
    private static final long SKEW_SECONDS = 60;

    private final SecretKeySpec key;

    public CommandSigner(byte[] secret) {
        if (secret == null || secret.length < 16) {
            throw new IllegalArgumentException("the command signing secret must be at least 16 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    }

    public CommandData sign(CommandData command) {
        return command.withSignature(mac(command));
    }

    public Verdict verify(CommandData command, Instant now) {
        if (command.signature() == null || command.signature().isBlank()) {
            return Verdict.UNSIGNED;
        }
        byte[] expected = mac(command).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = command.signature().getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, actual)) {
            return Verdict.BAD_SIGNATURE;
        }
        if (!now.isBefore(command.expiresAt())) {
            return Verdict.EXPIRED;
        }
        if (command.issuedAt().isAfter(now.plusSeconds(SKEW_SECONDS))) {
            return Verdict.NOT_YET_VALID;
        }
        return Verdict.VALID;
    }

    static String canonical(CommandData c) {
        return String.join(
                "\n",
                "v1",
                c.commandId(),
                c.action(),
                c.job(),
                c.issuedBy(),
                c.issuedAt().toString(),
                c.expiresAt().toString(),
                Boolean.toString(c.dryRun()),
                c.reason() == null ? "" : c.reason());
    }

    private String mac(CommandData command) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal(canonical(command).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
