package io.chorus.query.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals search cursors so that a caller can hand them back but neither read nor change them. A cursor is where the
 * walk over the best matches of all channels stopped (decision 0040, path 3), which can be a message of a channel
 * the caller is not in: its id, creation time and relevance to the caller's words are not the caller's to see.
 * AES-256-GCM with a random 96-bit nonce per cursor, the caller's user id as associated data (a cursor works only
 * for whom it was made), and a key derived from the configured secret, so every query instance opens the cursors of
 * the others.
 */
public final class SearchCursorSeal {
    private static final String VERSION = "s1.";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** The longest cursor a client may send: a sealed cursor is about 150 characters. */
    private static final int MAX_LENGTH = 512;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    /** @param secret at least 32 bytes, the same on every query instance */
    public SearchCursorSeal(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the search cursor key needs at least 32 bytes");
        }
        this.key = new SecretKeySpec(derive(secret), "AES");
    }

    public String seal(SearchCursor cursor, String userId) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, userId);
            byte[] sealed = cipher.doFinal(cursor.encode().getBytes(StandardCharsets.US_ASCII));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
            return VERSION + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** The cursor sealed for {@code userId}; {@link InvalidSearch} for anything else. */
    public SearchCursor open(String text, String userId) {
        if (text.length() > MAX_LENGTH || !text.startsWith(VERSION)) {
            throw invalid();
        }
        try {
            String body = text.substring(VERSION.length());
            byte[] in = Base64.getUrlDecoder().decode(body);
            // the decoder ignores a last character's unused bits: only the one spelling the seal wrote is a cursor
            if (in.length <= NONCE_BYTES + TAG_BITS / 8
                    || !Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(in)
                            .equals(body)) {
                throw invalid();
            }
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, java.util.Arrays.copyOf(in, NONCE_BYTES), userId);
            byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            return SearchCursor.decode(new String(plain, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw invalid();
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String userId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(("chorus-search-cursor\n" + userId).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** A key for this one use, so the configured secret may be shared with other uses. */
    private static byte[] derive(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal("chorus-search-cursor/v1".getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static InvalidSearch invalid() {
        return new InvalidSearch("invalid_cursor", "cursor is not one this service handed out");
    }
}
