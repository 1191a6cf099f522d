package io.chorus.command.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A short SHA-256 of an import batch's fields, for its {@code Nats-Msg-Id}: the same fields give the same digest
 * (a retried import is deduplicated), any other field anywhere gives another. A batch's first and last ids and its
 * size alone are not enough: two different batches can share them.
 */
final class ContentDigest {
    private ContentDigest() {}

    /** 24 hex digits; each field is followed by a NUL, which no id or printable name holds. */
    static String of(Iterable<String> fields) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String field : fields) {
                sha.update(field.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
