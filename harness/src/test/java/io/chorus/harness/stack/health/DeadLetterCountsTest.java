package io.chorus.harness.stack.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.api.Subject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadLetterCountsTest {
    @Test
    void eachDeadLetterSubjectCountsForItsConsumer() {
        assertThat(DeadLetterCounts.byConsumer(
                        List.of(new Subject("dlq.meta-writer", 3), new Subject("dlq.search-indexer", 1))))
                .isEqualTo(Map.of("meta-writer", 3L, "search-indexer", 1L));
    }

    @Test
    void aStreamWithoutDeadLettersCountsNone() {
        assertThat(DeadLetterCounts.byConsumer(null)).isEmpty();
        assertThat(DeadLetterCounts.byConsumer(List.of())).isEmpty();
    }
}
