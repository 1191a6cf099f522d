package io.chorus.common.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RecentReadsTest {
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger reads = new AtomicInteger();

    private String read() {
        return "answer-" + reads.incrementAndGet();
    }

    @Test
    void anAnswerServesUntilTheBoundThenIsReadAgain() {
        RecentReads<String> recent = new RecentReads<>(Duration.ofSeconds(5), 10, nanos::get);
        assertThat(recent.get("c1", this::read)).isEqualTo("answer-1");
        nanos.set(Duration.ofMillis(4_999).toNanos());
        assertThat(recent.get("c1", this::read)).isEqualTo("answer-1");
        nanos.set(Duration.ofSeconds(5).toNanos());
        assertThat(recent.get("c1", this::read)).isEqualTo("answer-2");
        assertThat(reads).hasValue(2);
    }

    @Test
    void eachKeyHasItsOwnAnswer() {
        RecentReads<String> recent = new RecentReads<>(Duration.ofSeconds(5), 10, nanos::get);
        assertThat(recent.get("c1", this::read)).isEqualTo("answer-1");
        assertThat(recent.get("c2", this::read)).isEqualTo("answer-2");
        assertThat(recent.get("c1", this::read)).isEqualTo("answer-1");
    }

    @Test
    void aZeroBoundReadsEveryTime() {
        RecentReads<String> recent = new RecentReads<>(Duration.ZERO, 10, nanos::get);
        recent.get("c1", this::read);
        recent.get("c1", this::read);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aFailedReadIsNotRemembered() {
        RecentReads<String> recent = new RecentReads<>(Duration.ofSeconds(5), 10, nanos::get);
        assertThatThrownBy(() -> recent.get("c1", () -> {
                    throw new IllegalStateException("store down");
                }))
                .hasMessage("store down");
        assertThat(recent.get("c1", this::read)).isEqualTo("answer-1");
    }

    @Test
    void pastMaxEntriesEverythingIsReadAgain() {
        RecentReads<String> recent = new RecentReads<>(Duration.ofSeconds(5), 2, nanos::get);
        recent.get("c1", this::read);
        recent.get("c2", this::read);
        recent.get("c3", this::read);
        assertThat(recent.get("c1", this::read)).isEqualTo("answer-4");
    }
}
