package io.chorus.notification.core;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a client hands back to resume: for each fan-out partition, the stream sequence up to which it has every
 * event of its channels. One number is not enough: events of different partitions reach an instance interleaved,
 * so a later sequence from one partition says nothing about an earlier one from another. {@code meta} is the
 * {@code META} stream sequence up to which the client has every channel change that concerns it (its
 * {@code channel_*} and {@code members_changed} frames), or {@link #NO_META} when unknown. Text form:
 * {@code r1.<w0>.<w1>...[.m<meta>]}, opaque to clients.
 */
public record ResumeToken(long[] watermarks, long meta) {
    public static final long NO_META = -1;

    private static final String PREFIX = "r1.";
    private static final String META = "m";

    public ResumeToken(long[] watermarks) {
        this(watermarks, NO_META);
    }

    public String text() {
        StringBuilder text = new StringBuilder(PREFIX);
        for (int p = 0; p < watermarks.length; p++) {
            if (p > 0) {
                text.append('.');
            }
            text.append(watermarks[p]);
        }
        if (meta != NO_META) {
            text.append('.').append(META).append(meta);
        }
        return text.toString();
    }

    /** Empty when the text is not a token of this many partitions (a malformed one, or one from another split). */
    public static Optional<ResumeToken> parse(String text, int partitions) {
        if (text == null || !text.startsWith(PREFIX) || text.length() > 20 * (partitions + 1) + 3) {
            return Optional.empty();
        }
        String[] parts = text.substring(PREFIX.length()).split("\\.", -1);
        boolean hasMeta = parts.length == partitions + 1 && parts[partitions].startsWith(META);
        if (parts.length != partitions && !hasMeta) {
            return Optional.empty();
        }
        long[] watermarks = new long[partitions];
        long meta = NO_META;
        try {
            if (hasMeta) {
                meta = Long.parseLong(parts[partitions].substring(META.length()));
                if (meta < 0) {
                    return Optional.empty();
                }
            }
            for (int p = 0; p < partitions; p++) {
                watermarks[p] = Long.parseLong(parts[p]);
                if (watermarks[p] < 0) {
                    return Optional.empty();
                }
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(new ResumeToken(watermarks, meta));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResumeToken other && Arrays.equals(watermarks, other.watermarks) && meta == other.meta;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(watermarks) + Long.hashCode(meta);
    }

    @Override
    public String toString() {
        return text();
    }
}
