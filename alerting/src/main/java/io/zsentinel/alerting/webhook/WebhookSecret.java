package io.zsentinel.alerting.webhook;

import java.util.Base64;

/** A Standard Webhooks signing secret: {@code whsec_<base64>} of 24 to 64 random bytes. */
public final class WebhookSecret {
    public static final String PREFIX = "whsec_";

    private WebhookSecret() {}

    /** The key bytes; throws with a message for a person (never containing the secret). */
    public static byte[] decode(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("must be whsec_<base64> (Standard Webhooks)");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the part after whsec_ is not valid base64");
        }
        if (key.length < 24 || key.length > 64) {
            throw new IllegalArgumentException("must decode to 24..64 bytes, got " + key.length);
        }
        return key;
    }
}
