package io.zsentinel.alerting.config;

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
import java.util.regex.Pattern;

/** Reads {@code alerting.receivers}: a mapping of name to {@code webhook:} or {@code zabbix:}. */
final class ReceiversReader {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    private static final Pattern URL = Pattern.compile("https?://[^\\s]+");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:\\-\\[\\]]*");

    private ReceiversReader() {}

    static Map<String, ReceiverConfig> read(ConfigReader receivers) {
        Map<String, ReceiverConfig> result = new LinkedHashMap<>();
        for (String name : receivers.names()) {
            ConfigReader section = receivers.section(name);
            if (!NAME.matcher(name).matches()) {
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
            result.put(name, webhook ? webhook(name, section.section("webhook")) : zabbix(name, section.section("zabbix")));
        }
        return result;
    }

    private static WebhookReceiverConfig webhook(String name, ConfigReader s) {
        String url = s.matching("url", URL, "an http:// or https:// URL", null, true);
        byte[] key = new byte[0];
        Optional<Secret> secret = s.secret("secret");
        if (secret.isEmpty()) {
            if (!s.has("secret")) {
                s.problem("secret", "is required: a Standard Webhooks secret whsec_<base64>, as {env: NAME} or {file: PATH}");
            }
        } else {
            try {
                key = WebhookSecret.decode(secret.get().text());
            } catch (IllegalArgumentException e) {
                s.problem("secret", e.getMessage());
            }
        }
        PayloadFormat payload = s.enumValue("payload", PayloadFormat.class, PayloadFormat.ZSENTINEL);
        Duration timeout = s.duration("timeout", Duration.ofSeconds(15), Duration.ofMillis(100), Duration.ofMinutes(2));
        boolean sendResolved = s.bool("sendResolved", true);
        Path ca = s.path("caFile").orElse(null);
        if (ca != null && !Files.isReadable(ca)) {
            s.problem("caFile", "cannot read " + ca + " (a PEM file with the CA certificate(s) to trust)");
        }
        if (ca != null && url != null && !url.startsWith("https://")) {
            s.problem("caFile", "is only used with an https:// url");
        }
        return new WebhookReceiverConfig(name, url, key, payload, timeout, sendResolved, attempts(s, 6), backoff(s), ca);
    }

    private static ZabbixReceiverConfig zabbix(String name, ConfigReader s) {
        String server = s.matching("server", HOST, "a host name or address", null, true);
        int port = (int) s.integer("port", 10051, 1, 65535);
        HostMapping.By by = s.enumValue("hostBy", HostMapping.By.class, HostMapping.By.CLUSTER);
        Map<String, String> rename = s.stringMap("hosts");
        boolean compress = s.bool("compress", false);
        Duration sendInterval = s.duration("sendInterval", Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofHours(1));
        Duration discovery = s.duration("discoveryInterval", Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofDays(1));
        Duration timeout = s.duration("timeout", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(2));
        boolean sendResolved = s.bool("sendResolved", true);
        return new ZabbixReceiverConfig(name, server, port, new HostMapping(by, rename), compress, sendInterval,
                discovery, timeout, sendResolved, attempts(s, 3), backoff(s));
    }

    private static int attempts(ConfigReader s, int defaultValue) {
        return (int) s.integer("maxAttempts", defaultValue, 1, 100);
    }

    private static Backoff backoff(ConfigReader s) {
        Duration initial = s.duration("backoff", Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofHours(1));
        Duration max = s.duration("maxBackoff", Duration.ofMinutes(1), Duration.ofMillis(10), Duration.ofHours(6));
        Duration maxRetryAfter = s.duration("maxRetryAfter", Duration.ofMinutes(5), Duration.ZERO, Duration.ofHours(6));
        if (max.compareTo(initial) < 0) {
            s.problem("maxBackoff", "must not be shorter than backoff");
        }
        return new Backoff(initial, max, maxRetryAfter);
    }
}
