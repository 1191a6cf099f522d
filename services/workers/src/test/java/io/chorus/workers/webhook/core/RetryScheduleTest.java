package io.chorus.workers.webhook.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    @Test
    void theSpecificationScheduleSpansItsTableWithoutJitter() {
        RetrySchedule schedule = new RetrySchedule(RetrySchedule.SPECIFICATION, 0);
        Duration total = Duration.ZERO;
        for (int attempt = 1; attempt < schedule.attempts(); attempt++) {
            total = total.plus(schedule.after(attempt, () -> 0.5).orElseThrow());
        }
        // the specification's table: the last attempt at 75:35:05 after the first
        assertThat(total).isEqualTo(Duration.ofHours(75).plusMinutes(35).plusSeconds(5));
        assertThat(schedule.attempts()).isEqualTo(10);
        assertThat(schedule.after(10, () -> 0.5)).isEmpty();
    }

    @Test
    void everyWaitIsItsDelaySpreadByAtMostTheJitterAndThereAreExactlyAsManyAsDelays() {
        qt().withExamples(300)
                .forAll(
                        lists().of(integers().between(0, 100_000)).ofSizeBetween(0, 12),
                        doubles().between(0, 0.99),
                        doubles().between(0, 0.999999))
                .checkAssert((millis, jitter, draw) -> {
                    List<Duration> delays =
                            millis.stream().map(Duration::ofMillis).toList();
                    RetrySchedule schedule = new RetrySchedule(delays, jitter);
                    for (int attempt = 1; attempt <= delays.size(); attempt++) {
                        long base = delays.get(attempt - 1).toNanos();
                        long wait = schedule.after(attempt, () -> draw)
                                .orElseThrow()
                                .toNanos();
                        assertThat(wait).isBetween((long) Math.floor(base * (1 - jitter)), (long)
                                Math.ceil(base * (1 + jitter)));
                    }
                    assertThat(schedule.after(delays.size() + 1, () -> draw)).isEmpty();
                    assertThat(schedule.after(0, () -> draw)).isEmpty();
                });
    }

    @Test
    void jitterSpreadsRetriesBothWays() {
        RetrySchedule schedule = new RetrySchedule(List.of(Duration.ofSeconds(10)), 0.2);
        assertThat(schedule.after(1, () -> 0.0)).contains(Duration.ofSeconds(8));
        assertThat(schedule.after(1, () -> 0.5)).contains(Duration.ofSeconds(10));
        assertThat(schedule.after(1, () -> 0.999_999).orElseThrow())
                .isBetween(Duration.ofMillis(11_999), Duration.ofSeconds(12));
    }
}
