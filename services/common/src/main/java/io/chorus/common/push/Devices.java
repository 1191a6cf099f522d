package io.chorus.common.push;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * Push devices (decision 0200): a device is a provider token on a platform. Its id is derived from the platform and
 * the token, so registering a token again, from any session, names the same device: registration is idempotent on
 * the token, and a token handed to a new user moves to that user.
 */
public final class Devices {
    public static final String APNS = "apns";
    public static final String FCM = "fcm";
    public static final Set<String> PLATFORMS = Set.of(APNS, FCM);

    /** Longest provider token accepted (APNs tokens are 64 hex characters, FCM tokens about 160). */
    public static final int MAX_TOKEN_CHARS = 4_096;

    public static final int MAX_APP_ID_CHARS = 255;

    private Devices() {}

    /** The device id of a token: {@code d} and 32 hex characters of SHA-256 over platform and token. */
    public static String id(String platform, String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((platform + "\n" + token).getBytes(StandardCharsets.UTF_8));
            return "d" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static boolean isPlatform(String platform) {
        return platform != null && PLATFORMS.contains(platform);
    }
}
