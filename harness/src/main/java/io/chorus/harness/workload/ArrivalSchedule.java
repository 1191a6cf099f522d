package io.chorus.harness.workload;

import io.chorus.harness.scenario.Phase.RateStep;

/**
 * The open model: when each send of a step is due, fixed before the step starts and kept whatever the system
 * answers. Send {@code i} of a step starting at {@code start} is due at {@code start + i / rate}; a driver that
 * falls behind sends late but records the due time as the intended time, so its lateness shows in the latency.
 */
public record ArrivalSchedule(long startMicros, RateStep step) {
    public long count() {
        return (long) Math.floor(step.rate() * step.duration().toNanos() / 1e9);
    }

    /** The intended send time of send {@code i} ({@code 0 <= i < count()}), in epoch microseconds. */
    public long intended(long i) {
        if (i < 0 || i >= count()) {
            throw new IndexOutOfBoundsException("send " + i + " of " + count());
        }
        return startMicros + (long) Math.floor(i * 1e6 / step.rate());
    }

    public long endMicros() {
        return startMicros + step.duration().toNanos() / 1000;
    }
}
