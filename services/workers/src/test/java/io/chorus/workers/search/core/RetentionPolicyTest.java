package io.chorus.workers.search.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {
    @Test
    void deletesOnlyDailyIndicesOlderThanTheRetention() {
        List<String> names = List.of(
                "chorus-messages-2026.11.27",
                "chorus-messages-2026.10.28",
                "chorus-messages-2026.10.27",
                "chorus-messages-2025.01.01",
                "chorus-messages-notadate",
                "other-2020.01.01",
                "chorus-members");

        assertThat(RetentionPolicy.expiredIndices(names, LocalDate.parse("2026-11-27"), 30))
                .containsExactly("chorus-messages-2025.01.01", "chorus-messages-2026.10.27");
    }
}
