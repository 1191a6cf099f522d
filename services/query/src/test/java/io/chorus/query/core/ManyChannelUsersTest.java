package io.chorus.query.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ManyChannelUsersTest {
    private final AtomicLong clock = new AtomicLong();

    @Test
    void aUserIsRememberedForTheGivenTimeOnly() {
        ManyChannelUsers users = new ManyChannelUsers(Duration.ofSeconds(10), 100, clock::get);
        assertThat(users.isKnown("u1")).isFalse();
        users.remember("u1");
        clock.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(users.isKnown("u1")).isTrue();
        assertThat(users.isKnown("u2")).isFalse();
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(users.isKnown("u1")).isFalse();
    }

    @Test
    void itNeverHoldsMoreThanItsBound() {
        ManyChannelUsers users = new ManyChannelUsers(Duration.ofMinutes(5), 2, clock::get);
        users.remember("a");
        users.remember("b");
        users.remember("c");
        assertThat(users.isKnown("c")).isTrue();
        assertThat(users.isKnown("a") && users.isKnown("b")).isFalse();
    }

    @Test
    void aZeroDurationRemembersNobody() {
        ManyChannelUsers users = new ManyChannelUsers(Duration.ZERO, 100, clock::get);
        users.remember("a");
        assertThat(users.isKnown("a")).isFalse();
    }
}
