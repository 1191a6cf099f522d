package io.chorus.command.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who wrote a message, answered from its id alone (decision 0024). The command service mints every message id; it
 * puts a 40-bit HMAC of (channel, author, the id's other bits) into the id's last 40 random bits. An edit or
 * delete then proves authorship without a database read: only the author's user id reproduces the tag. The id
 * stays a valid UUIDv7 (time-ordered, version and variant bits intact). Its 12 bits of rand_a are a counter of
 * this process (RFC 9562's fixed-length counter method), so 4,096 ids minted by one process in one millisecond are
 * all distinct whatever the random bits; 22 random bits of rand_b separate processes. A forger guesses the tag with
 * probability 2^-40 per request (and the rate limit caps requests).
 */
public final class MessageAuthorship {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long TAG_MASK = (1L << 40) - 1;
    private static final long VARIANT = 0x8000000000000000L;
    private static final long RANDOM_22_MASK = ((1L << 22) - 1) << 40;

    private final SecretKeySpec key;
    private final java.util.concurrent.atomic.AtomicInteger counter =
            new java.util.concurrent.atomic.AtomicInteger(RANDOM.nextInt());

    /** @param key at least 32 bytes; the same on every command instance, or authors lose their messages */
    public MessageAuthorship(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the message author key needs at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /** A new message id for a message of {@code authorId} in {@code channelId}, created at {@code unixMillis}. */
    public UUID newMessageId(String channelId, String authorId, long unixMillis) {
        long msb = (unixMillis << 16) | (0x7L << 12) | (counter.getAndIncrement() & 0xFFF);
        long upper = VARIANT | (RANDOM.nextLong() & RANDOM_22_MASK);
        return new UUID(msb, upper | tag(channelId, authorId, msb, upper));
    }

    /** Whether {@code userId} wrote the message {@code messageId} of {@code channelId} (false for foreign ids). */
    public boolean isAuthor(UUID messageId, String channelId, String userId) {
        if (messageId.version() != 7) {
            return false;
        }
        long lsb = messageId.getLeastSignificantBits();
        long expected = tag(channelId, userId, messageId.getMostSignificantBits(), lsb & ~TAG_MASK);
        // constant time, so response timing does not leak how much of a guessed tag was right
        return MessageDigest.isEqual(bytes(lsb & TAG_MASK), bytes(expected));
    }

    private long tag(String channelId, String authorId, long msb, long lsbWithoutTag) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(("chorus-message-author/v1\n" + channelId + "\n" + authorId + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            mac.update(
                    ByteBuffer.allocate(16).putLong(msb).putLong(lsbWithoutTag).array());
            return ByteBuffer.wrap(mac.doFinal()).getLong() & TAG_MASK;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] bytes(long value) {
        return ByteBuffer.allocate(8).putLong(value).array();
    }
}
