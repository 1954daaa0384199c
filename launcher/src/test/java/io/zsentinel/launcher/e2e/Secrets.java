package io.zsentinel.launcher.e2e;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Fresh random secrets for one pipeline under test: the webhook signing key and the command
 * secret, and the environment that hands them to the config ({@link E2eConfig}).
 */
public record Secrets(byte[] webhookKey, byte[] commandSecret, Map<String, String> environment) {
    public static Secrets generate() {
        SecureRandom random = new SecureRandom();
        byte[] webhookKey = new byte[32];
        random.nextBytes(webhookKey);
        byte[] command = new byte[32];
        random.nextBytes(command);
        String commandText = Base64.getEncoder().encodeToString(command);
        return new Secrets(
                webhookKey,
                commandText.getBytes(StandardCharsets.UTF_8),
                Map.of(
                        E2eConfig.COMMAND_SECRET_ENV,
                        commandText,
                        E2eConfig.WEBHOOK_SECRET_ENV,
                        "whsec_" + Base64.getEncoder().encodeToString(webhookKey)));
    }
}
