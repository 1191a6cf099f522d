package io.chorus.workers.search.core;

import java.time.Duration;

/** Exponential back-off with a ceiling: 100 ms, 200 ms, 400 ms ... up to {@code max}; reset after a success. */
public final class Backoff {
    private final Duration initial;
    private final Duration max;
    private Duration next;

    public Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    public Duration nextDelay() {
        Duration delay = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return delay;
    }

    public void reset() {
        next = initial;
    }
}
