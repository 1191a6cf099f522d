package io.chorus.common.nats.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.common.events.PoisonEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class InPlaceRetryTest {
    private static final RetryPolicy POLICY = new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(10), 4);

    /** Records what happened, in order; the pause only records the delay. */
    private final List<String> log = new ArrayList<>();

    private final List<Duration> pauses = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final InPlaceRetry retry = new InPlaceRetry(
            POLICY, e -> Failures.classify(e, t -> t instanceof IOException), pauses::add, running::get);

    private final InPlaceRetry.Observer<String> observer = new InPlaceRetry.Observer<>() {
        @Override
        public void applied(String item) {
            log.add("applied " + item);
        }

        @Override
        public void gaveUp(String item, FailureKind kind, Exception failure) {
            log.add("dead " + item + " " + kind);
        }

        @Override
        public void retrying(String item, long attempt, Duration delay, Exception failure) {
            log.add("retry " + item + " #" + attempt);
        }
    };

    @Test
    void aLaterItemIsNotTriedWhileAnEarlierOneIsRetried() throws Exception {
        // the store is away for the add's first 30 attempts: far more than the refused budget, as an outage
        Map<String, Integer> failuresLeft = new HashMap<>(Map.of("add carol", 30));
        List<String> tried = new ArrayList<>();
        boolean done = retry.eachInOrder(
                List.of("add carol", "remove carol", "add dave"),
                item -> {
                    tried.add(item);
                    if (failuresLeft.merge(item, -1, Integer::sum) >= 0) {
                        throw new IOException("store unreachable");
                    }
                },
                observer);

        assertThat(done).isTrue();
        assertThat(tried.subList(0, 31)).containsOnly("add carol");
        assertThat(tried.subList(31, tried.size())).containsExactly("remove carol", "add dave");
        assertThat(log.stream().filter(l -> l.startsWith("applied")))
                .containsExactly("applied add carol", "applied remove carol", "applied add dave");
        assertThat(pauses).hasSize(30);
        assertThat(pauses.subList(0, 6))
                .extracting(Duration::toMillis)
                .containsExactly(200L, 400L, 800L, 1_600L, 3_200L, 6_400L);
        assertThat(pauses.get(29)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void poisonIsGivenUpAtOnceAndTheNextItemGoesOn() throws Exception {
        boolean done = retry.eachInOrder(
                List.of("bad", "good"),
                item -> {
                    if (item.equals("bad")) {
                        throw new PoisonEvent("undecodable");
                    }
                },
                observer);

        assertThat(done).isTrue();
        assertThat(log).containsExactly("dead bad POISON", "applied good");
        assertThat(pauses).isEmpty();
    }

    @Test
    void aRefusalIsRetriedForItsBudgetThenGivenUpAndTheNextItemGoesOn() throws Exception {
        boolean done = retry.eachInOrder(
                List.of("refused", "next"),
                item -> {
                    if (item.equals("refused")) {
                        throw new IllegalStateException("the store says no");
                    }
                },
                observer);

        assertThat(done).isTrue();
        assertThat(log)
                .containsExactly(
                        "retry refused #1",
                        "retry refused #2",
                        "retry refused #3",
                        "dead refused REFUSED",
                        "applied next");
    }

    @Test
    void aStoppedWorkerLeavesTheHeldItemAndEveryLaterOneUntouched() throws Exception {
        List<String> tried = new ArrayList<>();
        boolean done = retry.eachInOrder(
                List.of("held", "later"),
                item -> {
                    tried.add(item);
                    running.set(false); // the worker is stopped while this item is being retried
                    throw new IOException("store unreachable");
                },
                observer);

        assertThat(done).isFalse();
        assertThat(tried).containsExactly("held");
        assertThat(log).containsExactly("retry held #1");
    }
}
