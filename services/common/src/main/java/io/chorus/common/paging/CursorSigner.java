package io.chorus.common.paging;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs page cursors, so that a service reads only positions it handed out itself, and only for the list it handed
 * them out for. A cursor is {@code <text>.<tag>}, both base64url: the tag is an HMAC-SHA256 (cut to 128 bits) of the
 * scope (which list: a channel's members, a user's channels...) and the text. A cursor the client wrote or changed,
 * or one from another list, has no valid tag and opens to nothing.
 *
 * <p>Why: the position in a cursor decides how much a page reads (a whole owner, or bucket by bucket); an unsigned
 * one let a client choose that for any channel it could see.
 */
public final class CursorSigner {
    private static final String ALGORITHM = "HmacSHA256";
    private static final int TAG_BYTES = 16;
    /** Longer than any cursor handed out; a longer string is refused before any decoding. */
    private static final int MAX_CURSOR_CHARS = 512;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;

    /** @param key the configured secret, at least 32 bytes; every instance of a service shares it */
    public CursorSigner(String key) {
        byte[] bytes = key == null ? new byte[0] : key.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new IllegalArgumentException("a cursor key has at least 32 bytes");
        }
        this.key = new SecretKeySpec(bytes, ALGORITHM);
    }

    /** The cursor for a position's text, good for {@code scope} only. */
    public String sign(String scope, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(tag(scope, bytes));
    }

    /** The text of a cursor this key signed for {@code scope}; empty for anything else. */
    public Optional<String> open(String scope, String cursor) {
        if (cursor == null || cursor.length() > MAX_CURSOR_CHARS) {
            return Optional.empty();
        }
        int dot = cursor.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        byte[] text;
        try {
            text = Base64.getUrlDecoder().decode(cursor.substring(0, dot));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        // the whole cursor is compared, not the decoded tag: base64 has several spellings of the same bytes
        String expected = ENCODER.encodeToString(text) + "." + ENCODER.encodeToString(tag(scope, text));
        if (!MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), cursor.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(new String(text, StandardCharsets.UTF_8));
    }

    private byte[] tag(String scope, byte[] text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(scope.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0); // the scope ends here: "a" + "bc" and "ab" + "c" sign differently
            return Arrays.copyOf(mac.doFinal(text), TAG_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
