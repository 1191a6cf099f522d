package io.chorus.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.chorus.it.write.Api;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The query service limits each user's request rate: a user who reads faster than the limit gets 429
 * {@code rate_limited} in the JSON error shape with a Retry-After, while another user reads on undisturbed.
 */
@ExtendWith(LocalStackExtension.class)
class QueryRateLimitIT {
    /** Well above the default burst (200) plus what a second of refill (100) adds while the requests run. */
    private static final int REQUESTS = 1_000;

    @Test
    void aUserAboveTheRateGets429WhileOthersReadOn(StackDescription stack) throws Exception {
        Api api = new Api(stack);
        String channel = Api.id("limited");
        api.createChannel("owner0", channel, "public");
        api.awaitChannel(channel, "owner0", 1);
        String flooder = api.token(Api.id("flooder"));

        List<Api.Answer> answers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Api.Answer>> calls = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                calls.add(pool.submit(() -> api.get("/v1/channels/" + channel, flooder)));
            }
            for (Future<Api.Answer> call : calls) {
                answers.add(call.get());
            }
        } finally {
            pool.shutdownNow();
        }

        List<Api.Answer> limited = answers.stream().filter(a -> a.status() == 429).toList();
        assertThat(limited).as("answers to %d requests in a burst", REQUESTS).isNotEmpty();
        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.toString()).isIn(200, 429));
        assertThat(answers.stream().filter(a -> a.status() == 200).count()).isGreaterThan(0);
        Api.Answer one = limited.get(0);
        assertThat(one.code()).isEqualTo("rate_limited");
        assertThat(one.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(one.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));

        Api.Answer other = api.get("/v1/channels/" + channel, api.token(Api.id("other")));
        assertThat(other.status()).as("another user at the same time: " + other).isEqualTo(200);
    }
}
