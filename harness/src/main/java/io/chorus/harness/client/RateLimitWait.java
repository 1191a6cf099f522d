package io.chorus.harness.client;

import io.chorus.harness.Poll;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The harness's one way of meeting a 429: wait what its {@code Retry-After} asks (at least a second; a second when
 * it says nothing readable) and ask again, as long as the next wait still ends within the patience given; then the
 * last 429 is the answer. The services limit each user's rate (decision 0112) and always send {@code Retry-After}
 * in seconds, so a client that honours it is a well-behaved client, not one that hides overload.
 */
public final class RateLimitWait {
    /** Never waits: every 429 is the answer (for tests of the limit itself). */
    public static final RateLimitWait NONE = new RateLimitWait(Duration.ZERO, Poll::pause);

    private static final Duration AT_LEAST = Duration.ofSeconds(1);

    private final Duration patience;
    private final Consumer<Duration> pause;

    RateLimitWait(Duration patience, Consumer<Duration> pause) {
        this.patience = patience;
        this.pause = pause;
    }

    /** Waits out 429s for at most {@code patience} in all, per call. */
    public static RateLimitWait within(Duration patience) {
        return within(patience, Poll::pause);
    }

    /** As {@link #within(Duration)}, waiting with {@code pause} (a test's clock, a caller that may be stopped). */
    public static RateLimitWait within(Duration patience, Consumer<Duration> pause) {
        return new RateLimitWait(patience, pause);
    }

    public Duration patience() {
        return patience;
    }

    /** Sends with {@code send} until the answer is no 429, or the next wait would pass the patience. */
    public Response send(Supplier<Response> send) {
        long deadline = System.nanoTime() + patience.toNanos();
        Response answer = send.get();
        while (answer.status() == 429) {
            Duration wait = waitFor(answer);
            if (System.nanoTime() + wait.toNanos() - deadline > 0) {
                return answer;
            }
            pause.accept(wait);
            answer = send.get();
        }
        return answer;
    }

    /** What a 429 asks to wait: its {@code Retry-After}, at least a second. */
    static Duration waitFor(Response tooMany) {
        Duration asked = tooMany.retryAfter().orElse(AT_LEAST);
        return asked.compareTo(AT_LEAST) < 0 ? AT_LEAST : asked;
    }
}
