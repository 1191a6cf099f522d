package io.chorus.notification.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.common.api.TokenBuckets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TypingLimitsTest {
    private final AtomicLong clock = new AtomicLong();
    private final TypingLimits limits =
            new TypingLimits(new TokenBuckets(2, 3, clock::get), new TokenBuckets(4, 5, clock::get));

    @Test
    void aSessionGetsItsBurstThenItsRate() {
        assertThat(taken("s1", "u", 10)).isEqualTo(3);
        clock.addAndGet(500_000_000L); // half a second at 2/s: one more
        assertThat(taken("s1", "u", 10)).isEqualTo(1);
    }

    @Test
    void theSessionsOfOneUserShareTheUserLimit() {
        int passed = 0;
        for (int s = 0; s < 10; s++) {
            passed += taken("s" + s, "u", 10);
        }
        assertThat(passed).as("ten sessions' bursts, held to the user's").isEqualTo(5);
        assertThat(taken("s-other", "someone-else", 10))
                .as("another user is not held")
                .isEqualTo(3);
    }

    @Test
    void aClosedSessionsBucketIsForgotten() {
        assertThat(taken("s1", "u", 10)).isEqualTo(3);
        limits.closed("s1");
        assertThat(taken("s1", "u", 10))
                .as("a new bucket for the id, the user's own with 2 tokens left")
                .isEqualTo(2);
    }

    private int taken(String session, String user, int tries) {
        int passed = 0;
        for (int i = 0; i < tries; i++) {
            if (limits.tryTake(session, user)) {
                passed++;
            }
        }
        return passed;
    }
}
