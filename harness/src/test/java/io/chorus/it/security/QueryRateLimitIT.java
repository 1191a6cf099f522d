package io.chorus.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.harness.client.Response;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.chorus.it.StackFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The query service limits each user's request rate: a user who calls faster than the limit gets 429
 * {@code rate_limited} in the JSON error shape with a Retry-After, while another user reads on undisturbed.
 */
@ExtendWith(LocalStackExtension.class)
class QueryRateLimitIT {
    private static final int THREADS = 16;
    /** Calls at most: well above the default burst (200) plus what the rate (100/s) refills while they run. */
    private static final int MAX_CALLS = 20_000;

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void aUserAboveTheRateGets429WhileOthersReadOn(StackDescription stack) throws Exception {
        StackFixture api = new StackFixture(stack);
        String channel = StackFixture.id("limited");
        api.createChannel("owner0", channel, "public");
        api.awaitChannel(channel, "owner0", 1);
        String flooder = api.token(StackFixture.id("flooder"));

        // a cheap call that still needs the user's token: a refused page size is answered before any read
        String call = "/v1/users/me/channels?limit=0";
        AtomicReference<Response> limited = new AtomicReference<>();
        AtomicInteger calls = new AtomicInteger();
        List<Response> unexpected = new CopyOnWriteArrayList<>();
        long end = System.nanoTime() + DEADLINE.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> callers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                callers.add(pool.submit(() -> {
                    while (limited.get() == null && System.nanoTime() < end && calls.incrementAndGet() <= MAX_CALLS) {
                        Response answer = api.get(call, flooder);
                        if (answer.status() == 429) {
                            limited.compareAndSet(null, answer);
                        } else if (answer.status() != 422) {
                            unexpected.add(answer);
                        }
                    }
                }));
            }
            for (Future<?> caller : callers) {
                caller.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(unexpected)
                .as("answers other than 422 (the page size) and 429")
                .isEmpty();
        Response one = limited.get();
        assertThat(one).as("a 429 within %d calls or %s", MAX_CALLS, DEADLINE).isNotNull();
        assertThat(calls.get())
                .as("calls before the first 429: at least the burst")
                .isGreaterThan(200);
        assertThat(one.code()).isEqualTo("rate_limited");
        assertThat(one.header("Retry-After")).isPresent();
        assertThat(one.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));

        Response other = api.get("/v1/channels/" + channel, api.token(StackFixture.id("other")));
        assertThat(other.status()).as("another user at the same time: " + other).isEqualTo(200);
    }
}
