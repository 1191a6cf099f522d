package io.chorus.common.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The ids of direct channels. A direct channel between two users has one id whoever opens it,
 * {@code dm-<hash of both ids, sorted>}; anyone can compute it, so the {@code dm-} prefix is reserved: no other kind of
 * channel may take such an id, and a direct channel is valid only under the id of its two users (decision 0100).
 */
public final class DirectChannels {
    public static final String PREFIX = "dm-";

    private DirectChannels() {}

    public static String id(String a, String b) {
        List<String> pair = Stream.of(a, b).sorted().toList();
        return PREFIX + sha256(pair.get(0) + "\n" + pair.get(1)).substring(0, 40);
    }

    /** Whether an id is one only a direct channel may have. */
    public static boolean isReserved(String channelId) {
        return channelId != null && channelId.startsWith(PREFIX);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
