package io.chorus.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Polls for a condition with a deadline: how the tests wait for asynchronous effects, never with bare sleeps. */
final class Poll {
    private Poll() {}

    static <T> T until(String what, Duration timeout, Callable<T> probe, Predicate<T> done) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        T last = null;
        while (Instant.now().isBefore(deadline)) {
            last = probe.call();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not within " + timeout + ": " + what + "; last seen: " + last);
    }
}
