package io.zsentinel.alerting.config;

import static io.zsentinel.alerting.config.ReceiverKeys.*;

import io.zsentinel.alerting.config.ReceiverKeys.RetryKeys;
import io.zsentinel.alerting.notify.Backoff;
import io.zsentinel.alerting.webhook.PayloadFormat;
import io.zsentinel.alerting.webhook.WebhookSecret;
import io.zsentinel.alerting.zabbix.HostMapping;
import io.zsentinel.common.config.ConfigReader;
import io.zsentinel.common.config.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reads {@code alerting.receivers} through {@link ReceiverKeys}: a mapping of name to {@code webhook:} or {@code zabbix:}. */
final class ReceiversReader {
    private ReceiversReader() {}

    static Map<String, ReceiverConfig> read(ConfigReader receivers) {
        Map<String, ReceiverConfig> result = new LinkedHashMap<>();
        for (String name : receivers.names()) {
            ConfigReader section = receivers.section(name);
            if (!AlertingKeys.NAME.matcher(name).matches()) {
                receivers.problem(name, "receiver names are letters, digits, '_', '.', '-'");
            }
            boolean webhook = section.has("webhook");
            boolean zabbix = section.has("zabbix");
            if (webhook == zabbix) {
                receivers.problem(name, "needs exactly one of webhook: or zabbix:");
                section.section("webhook");
                section.section("zabbix");
                continue;
            }
            result.put(
                    name,
                    webhook ? webhook(name, section.section("webhook")) : zabbix(name, section.section("zabbix")));
        }
        return result;
    }

    private static WebhookReceiverConfig webhook(String name, ConfigReader s) {
        String url = WEBHOOK_URL.read(s);
        byte[] key = new byte[0];
        Optional<Secret> secret = WEBHOOK_SECRET.read(s);
        String secretKey = WEBHOOK_SECRET.child();
        if (secret.isEmpty()) {
            if (!s.has(secretKey)) {
                s.problem(
                        secretKey,
                        "is required: a Standard Webhooks secret whsec_<base64>, as {env: NAME} or {file: PATH}");
            }
        } else {
            try {
                key = WebhookSecret.decode(secret.get().text());
            } catch (IllegalArgumentException e) {
                s.problem(secretKey, e.getMessage());
            }
        }
        PayloadFormat payload = WEBHOOK_PAYLOAD.read(s);
        Duration timeout = WEBHOOK_TIMEOUT.read(s);
        boolean sendResolved = WEBHOOK_SEND_RESOLVED.read(s);
        Path ca = WEBHOOK_CA_FILE.read(s).orElse(null);
        String caKey = WEBHOOK_CA_FILE.child();
        if (ca != null && !Files.isReadable(ca)) {
            s.problem(caKey, "cannot read " + ca + " (a PEM file with the CA certificate(s) to trust)");
        }
        if (ca != null && url != null && !url.startsWith("https://")) {
            s.problem(caKey, "is only used with an https:// url");
        }
        return new WebhookReceiverConfig(
                name,
                url,
                key,
                payload,
                timeout,
                sendResolved,
                WEBHOOK_RETRY.maxAttempts().read(s),
                backoff(s, WEBHOOK_RETRY),
                ca);
    }

    private static ZabbixReceiverConfig zabbix(String name, ConfigReader s) {
        String server = ZABBIX_SERVER.read(s);
        int port = ZABBIX_PORT.read(s);
        HostMapping.By by = ZABBIX_HOST_BY.read(s);
        Map<String, String> rename = ZABBIX_HOSTS.read(s);
        boolean compress = ZABBIX_COMPRESS.read(s);
        Duration sendInterval = ZABBIX_SEND_INTERVAL.read(s);
        Duration discovery = ZABBIX_DISCOVERY_INTERVAL.read(s);
        Duration timeout = ZABBIX_TIMEOUT.read(s);
        boolean sendResolved = ZABBIX_SEND_RESOLVED.read(s);
        return new ZabbixReceiverConfig(
                name,
                server,
                port,
                new HostMapping(by, rename),
                compress,
                sendInterval,
                discovery,
                timeout,
                sendResolved,
                ZABBIX_RETRY.maxAttempts().read(s),
                backoff(s, ZABBIX_RETRY));
    }

    private static Backoff backoff(ConfigReader s, RetryKeys keys) {
        Duration initial = keys.backoff().read(s);
        Duration max = keys.maxBackoff().read(s);
        Duration maxRetryAfter = keys.maxRetryAfter().read(s);
        if (max.compareTo(initial) < 0) {
            s.problem(keys.maxBackoff().child(), "must not be shorter than backoff");
        }
        return new Backoff(initial, max, maxRetryAfter);
    }
}
