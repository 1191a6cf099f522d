package io.chorus.harness.checker;

/** Splits a run's span into at most {@link #MAX} equal time buckets of whole seconds, for the charts. */
record Buckets(long start, long widthMicros, int count) {
    static final int MAX = 300;

    static Buckets over(long[] span) {
        long length = Math.max(1, span[1] - span[0]); // the last instant falls in the last bucket (clamped)
        long seconds = Math.max(1, (long) Math.ceil(length / 1e6 / MAX));
        long width = seconds * 1_000_000L;
        int count = (int) Math.max(1, (length + width - 1) / width);
        return new Buckets(span[0], width, count);
    }

    int of(long time) {
        return (int) Math.min(count - 1, Math.max(0, (time - start) / widthMicros));
    }

    /** Seconds since the start of the run at the start of bucket {@code i}. */
    double at(int i) {
        return i * widthMicros / 1e6;
    }

    double seconds() {
        return widthMicros / 1e6;
    }
}
