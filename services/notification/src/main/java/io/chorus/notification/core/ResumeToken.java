package io.chorus.notification.core;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a client hands back to resume: for each fan-out partition, the stream sequence up to which it has every
 * event of its channels. One number is not enough: events of different partitions reach an instance interleaved,
 * so a later sequence from one partition says nothing about an earlier one from another. Text form:
 * {@code r1.<w0>.<w1>...}, opaque to clients.
 */
public record ResumeToken(long[] watermarks) {
    private static final String PREFIX = "r1.";

    public String text() {
        StringBuilder text = new StringBuilder(PREFIX);
        for (int p = 0; p < watermarks.length; p++) {
            if (p > 0) {
                text.append('.');
            }
            text.append(watermarks[p]);
        }
        return text.toString();
    }

    /** Empty when the text is not a token of this many partitions (a malformed one, or one from another split). */
    public static Optional<ResumeToken> parse(String text, int partitions) {
        if (text == null || !text.startsWith(PREFIX) || text.length() > 20 * partitions + 3) {
            return Optional.empty();
        }
        String[] parts = text.substring(PREFIX.length()).split("\\.", -1);
        if (parts.length != partitions) {
            return Optional.empty();
        }
        long[] watermarks = new long[partitions];
        try {
            for (int p = 0; p < partitions; p++) {
                watermarks[p] = Long.parseLong(parts[p]);
                if (watermarks[p] < 0) {
                    return Optional.empty();
                }
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(new ResumeToken(watermarks));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResumeToken other && Arrays.equals(watermarks, other.watermarks);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(watermarks);
    }

    @Override
    public String toString() {
        return text();
    }
}
