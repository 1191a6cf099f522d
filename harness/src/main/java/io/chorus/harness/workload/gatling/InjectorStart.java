package io.chorus.harness.workload.gatling;

/**
 * When Gatling's injector started, estimated from its users. Gatling starts user {@code i} at its timetable offset
 * after the injector's start, never earlier, so {@code now - offset} seen by any user is an upper bound of that
 * start; the running minimum of those bounds converges on it (within the scheduler's jitter) and only ever moves
 * earlier. Intended times computed from it are therefore never earlier than the true ones by more than the error
 * of the estimate at that moment, which the first few hundred users shrink to the scheduler's jitter. (Gatling
 * has no hook at its injector's start; its {@code before()} runs about 1.7 s earlier on a cold JVM, and the first
 * user alone was measured starting 17 ms after the injector under load.) Not thread-safe: callers serialise.
 */
final class InjectorStart {
    private long estimate = Long.MAX_VALUE;

    /** A user due at {@code offsetMicros} into the injection starts at {@code nowMicros}: its intended time. */
    long intended(long offsetMicros, long nowMicros) {
        estimate = Math.min(estimate, nowMicros - offsetMicros);
        return estimate + offsetMicros;
    }

    /** The estimate so far (epoch microseconds), or -1 before the first user. */
    long estimate() {
        return estimate == Long.MAX_VALUE ? -1 : estimate;
    }
}
