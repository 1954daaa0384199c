package io.zsentinel.alerting.config;

import io.zsentinel.alerting.webhook.PayloadFormat;
import io.zsentinel.alerting.zabbix.HostMapping;
import io.zsentinel.common.config.ConfigKey;
import io.zsentinel.common.config.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The keys of {@code alerting.receivers.<name>}: exactly one of {@code webhook:} or {@code zabbix:}. */
public final class ReceiverKeys {
    private static final String WEBHOOK = "receivers.<name>.webhook.";
    private static final String ZABBIX = "receivers.<name>.zabbix.";

    public static final ConfigKey<String> WEBHOOK_URL = ConfigKey.requiredMatching(
                    WEBHOOK + "url", Pattern.compile("https?://[^\\s]+"), "an http:// or https:// URL")
            .describedAs("a Standard Webhooks endpoint, `http://` or `https://`; a receiver has exactly one of "
                    + "`webhook:` or `zabbix:`");
    /** Required, with a message of its own (see ReceiversReader), hence read as an optional secret. */
    public static final ConfigKey<Optional<Secret>> WEBHOOK_SECRET = ConfigKey.secret(WEBHOOK + "secret")
            .shownAs("required")
            .describedAs("`whsec_<base64 of 24..64 bytes>`, as `{env: NAME}` or `{file: PATH}`: the key of the "
                    + "signatures (see \"Webhook delivery\")");

    public static final ConfigKey<PayloadFormat> WEBHOOK_PAYLOAD = ConfigKey.enumValue(
                    WEBHOOK + "payload", PayloadFormat.class, PayloadFormat.ZSENTINEL)
            .describedAs("`zsentinel` (schema `src/main/resources/schemas/zsentinel.alerting.webhook.v1.json`) or "
                    + "`alertmanager` (v4)");
    public static final ConfigKey<Boolean> WEBHOOK_SEND_RESOLVED =
            ConfigKey.bool(WEBHOOK + "sendResolved", true).describedAs("also notify when a group's alerts resolve");
    public static final ConfigKey<Duration> WEBHOOK_TIMEOUT = ConfigKey.duration(
                    WEBHOOK + "timeout", Duration.ofSeconds(15), Duration.ofMillis(100), Duration.ofMinutes(2))
            .describedAs("of one delivery attempt");
    public static final RetryKeys WEBHOOK_RETRY = RetryKeys.under(WEBHOOK, 6);
    public static final ConfigKey<Optional<Path>> WEBHOOK_CA_FILE = ConfigKey.path(WEBHOOK + "caFile")
            .describedAs("extra trusted CA certificate(s) (PEM) for an `https://` url");

    public static final ConfigKey<String> ZABBIX_SERVER = ConfigKey.requiredMatching(
                    ZABBIX + "server", Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:\\-\\[\\]]*"), "a host name or address")
            .describedAs("Zabbix server or proxy trapper; import the template from `deploy/zabbix/`");
    public static final ConfigKey<Integer> ZABBIX_PORT =
            ConfigKey.integer(ZABBIX + "port", 10051, 1, 65535).describedAs("its trapper port");
    public static final ConfigKey<HostMapping.By> ZABBIX_HOST_BY = ConfigKey.enumValue(
                    ZABBIX + "hostBy", HostMapping.By.class, HostMapping.By.CLUSTER)
            .describedAs("`cluster` or `node`: which Zabbix host gets a job's / pool's items (see \"Zabbix\")");
    public static final ConfigKey<Map<String, String>> ZABBIX_HOSTS =
            ConfigKey.stringMap(ZABBIX + "hosts").describedAs("rename cluster or node -> Zabbix host name");
    public static final ConfigKey<Boolean> ZABBIX_COMPRESS =
            ConfigKey.bool(ZABBIX + "compress", false).describedAs("zlib frames (Zabbix 4.0+)");
    public static final ConfigKey<Duration> ZABBIX_SEND_INTERVAL = ConfigKey.duration(
                    ZABBIX + "sendInterval", Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofHours(1))
            .describedAs("job/pool items and the heartbeat are sent this often");
    public static final ConfigKey<Duration> ZABBIX_DISCOVERY_INTERVAL = ConfigKey.duration(
                    ZABBIX + "discoveryInterval", Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofDays(1))
            .describedAs("LLD arrays are sent this often (also at once when jobs/pools change)");
    public static final ConfigKey<Duration> ZABBIX_TIMEOUT = ConfigKey.duration(
                    ZABBIX + "timeout", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(2))
            .describedAs("of one send");
    public static final ConfigKey<Boolean> ZABBIX_SEND_RESOLVED =
            ConfigKey.bool(ZABBIX + "sendResolved", true).describedAs("also send when a group's alerts resolve");
    public static final RetryKeys ZABBIX_RETRY = RetryKeys.under(ZABBIX, 3);

    static final List<ConfigKey<?>> ALL = all();

    private ReceiverKeys() {}

    private static List<ConfigKey<?>> all() {
        List<ConfigKey<?>> all = new ArrayList<>(
                List.of(WEBHOOK_URL, WEBHOOK_SECRET, WEBHOOK_PAYLOAD, WEBHOOK_SEND_RESOLVED, WEBHOOK_TIMEOUT));
        all.addAll(WEBHOOK_RETRY.all());
        all.addAll(List.of(
                WEBHOOK_CA_FILE,
                ZABBIX_SERVER,
                ZABBIX_PORT,
                ZABBIX_HOST_BY,
                ZABBIX_HOSTS,
                ZABBIX_COMPRESS,
                ZABBIX_SEND_INTERVAL,
                ZABBIX_DISCOVERY_INTERVAL,
                ZABBIX_TIMEOUT,
                ZABBIX_SEND_RESOLVED));
        all.addAll(ZABBIX_RETRY.all());
        return List.copyOf(all);
    }

    /** The retry keys both kinds of receiver have; only the number of attempts differs. */
    public record RetryKeys(
            ConfigKey<Integer> maxAttempts,
            ConfigKey<Duration> backoff,
            ConfigKey<Duration> maxBackoff,
            ConfigKey<Duration> maxRetryAfter) {
        static RetryKeys under(String prefix, int attempts) {
            return new RetryKeys(
                    ConfigKey.integer(prefix + "maxAttempts", attempts, 1, 100)
                            .describedAs("attempts per notification, including the first"),
                    ConfigKey.duration(
                                    prefix + "backoff",
                                    Duration.ofSeconds(1),
                                    Duration.ofMillis(10),
                                    Duration.ofHours(1))
                            .describedAs("first retry delay; doubles, equal jitter"),
                    ConfigKey.duration(
                                    prefix + "maxBackoff",
                                    Duration.ofMinutes(1),
                                    Duration.ofMillis(10),
                                    Duration.ofHours(6))
                            .describedAs("longest retry delay; not shorter than `backoff`"),
                    ConfigKey.duration(
                                    prefix + "maxRetryAfter", Duration.ofMinutes(5), Duration.ZERO, Duration.ofHours(6))
                            .describedAs("a longer `Retry-After` gives up instead of holding the group"));
        }

        List<ConfigKey<?>> all() {
            return List.of(maxAttempts, backoff, maxBackoff, maxRetryAfter);
        }
    }
}
