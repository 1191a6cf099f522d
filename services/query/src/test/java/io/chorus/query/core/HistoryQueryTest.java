package io.chorus.query.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.common.api.ApiException;
import io.chorus.common.events.UuidV7;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HistoryQueryTest {
    @Test
    void defaultsToTheNewestFiftyNewestFirst() {
        HistoryQuery q = HistoryQuery.parse("c", null, "", null);
        assertThat(q.limit()).isEqualTo(50);
        assertThat(q.ascending()).isFalse();
    }

    @Test
    void onlyAfterReadsForwards() {
        UUID a = UuidV7.generate();
        assertThat(HistoryQuery.parse("c", null, a.toString(), "10").ascending())
                .isTrue();
        assertThat(HistoryQuery.parse("c", UuidV7.generate().toString(), a.toString(), "10")
                        .ascending())
                .isFalse();
    }

    @Test
    void rejectsBadCursorsAndLimits() {
        for (String[] bad : new String[][] {
            {"x", null, null},
            {UUID.randomUUID().toString(), null, null},
            {null, null, "0"},
            {null, null, "201"},
            {null, null, "ten"}
        }) {
            assertThatThrownBy(() -> HistoryQuery.parse("c", bad[0], bad[1], bad[2]))
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }
}
