package io.zsentinel.alerting.webhook;

/** The body a webhook receiver gets. */
public enum PayloadFormat {
    /** Our own, described by {@code schemas/zsentinel.alerting.webhook.v1.json}. */
    ZSENTINEL,
    /** Alertmanager's webhook v4 body, for tools that already read it. */
    ALERTMANAGER
}
