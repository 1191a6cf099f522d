package io.chorus.command.core;

import io.chorus.common.events.DirectChannels;
import io.chorus.common.events.UuidV7;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Where a new channel's id comes from. */
public final class ChannelIds {
    private ChannelIds() {}

    /** A direct channel between two users has one id whoever opens it ({@link DirectChannels}). */
    public static String direct(String a, String b) {
        return DirectChannels.id(a, b);
    }

    /** A channel id a client chose for a public or private channel: valid, and not one reserved for direct channels. */
    public static String chosen(String channelId) {
        CommandRules.id("channelId", channelId);
        if (DirectChannels.isReserved(channelId)) {
            throw CommandRules.invalid(
                    "channelId must not start with " + DirectChannels.PREFIX + " (reserved for direct channels)");
        }
        return channelId;
    }

    /** The same creator retrying with the same Idempotency-Key names the same channel. */
    public static String fromIdempotencyKey(String creator, String key) {
        return "c-" + hash(creator + "\n" + key).substring(0, 40);
    }

    public static String generated() {
        return "c-" + UuidV7.generate().toString().replace("-", "");
    }

    private static String hash(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
