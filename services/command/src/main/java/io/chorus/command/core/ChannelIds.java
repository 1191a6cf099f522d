package io.chorus.command.core;

import io.chorus.common.events.UuidV7;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** Where a new channel's id comes from. */
public final class ChannelIds {
    private ChannelIds() {
    }

    /** A direct channel between two users has one id whoever opens it: {@code dm-<hash of both ids, sorted>}. */
    public static String direct(String a, String b) {
        List<String> pair = Stream.of(a, b).sorted().toList();
        return "dm-" + hash(pair.get(0) + "\n" + pair.get(1)).substring(0, 40);
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
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
