package io.chorus.workers.webhook.core;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A symmetric signing secret of the Standard Webhooks specification: 24 to 64 random bytes, shown to its owner as
 * {@code whsec_} followed by their base64. {@link #toString} never shows the key.
 */
public final class WebhookSecret {
    public static final String PREFIX = "whsec_";
    public static final int MIN_BYTES = 24;
    public static final int MAX_BYTES = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    private WebhookSecret(byte[] key) {
        this.key = key.clone();
    }

    /**
     * Reads {@code whsec_<base64>}.
     *
     * @throws IllegalArgumentException when the prefix is missing, the rest is not base64 or the key's length is
     *     outside the specification's 24 to 64 bytes
     */
    public static WebhookSecret parse(String serialized) {
        if (serialized == null || !serialized.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a webhook secret starts with " + PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(serialized.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a webhook secret is " + PREFIX + " followed by base64", e);
        }
        return ofKey(key);
    }

    /** A secret of these bytes, which must number 24 to 64. */
    public static WebhookSecret ofKey(byte[] key) {
        if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
            throw new IllegalArgumentException(
                    "a webhook secret has " + MIN_BYTES + " to " + MAX_BYTES + " bytes, not " + key.length);
        }
        return new WebhookSecret(key);
    }

    /** A fresh random secret of 32 bytes. */
    public static WebhookSecret generate() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return new WebhookSecret(key);
    }

    /** The form shown to the owner and stored: {@code whsec_<base64>}. */
    public String serialized() {
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookSecret that && java.security.MessageDigest.isEqual(key, that.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "WebhookSecret[redacted]";
    }
}
