package io.chorus.notification.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PresenceRotaTest {

    @Test
    void everyOnlineUserIsDueExactlyOncePerPeriodFromAnyTick() {
        qt().withExamples(200)
                .forAll(
                        integers().between(0, 3_000),
                        integers().between(1, 20),
                        integers().between(0, 50))
                .checkAssert((users, slots, ticksBefore) -> {
                    PresenceRota rota = new PresenceRota(Duration.ofSeconds(slots), Duration.ofSeconds(1));
                    List<String> online =
                            IntStream.range(0, users).mapToObj(i -> "u" + i).toList();
                    for (int i = 0; i < ticksBefore; i++) {
                        rota.next(online);
                    }
                    Map<String, Integer> due = new HashMap<>();
                    for (int i = 0; i < rota.slots(); i++) {
                        rota.next(online).forEach(u -> due.merge(u, 1, Integer::sum));
                    }
                    assertThat(due).hasSize(users);
                    assertThat(due.values()).allMatch(n -> n == 1);
                });
    }

    @Test
    void theWritesAreSpreadNotBunched() {
        qt().withExamples(30).forAll(integers().between(2_000, 20_000)).checkAssert(users -> {
            PresenceRota rota = new PresenceRota(Duration.ofSeconds(10), Duration.ofSeconds(1));
            List<String> online = IntStream.range(0, users)
                    .mapToObj(i -> "u" + (i * 7919L + 13))
                    .toList();
            for (int i = 0; i < rota.slots(); i++) {
                // an even share is a tenth; no tick carries half as much again
                assertThat(rota.next(online).size()).isLessThan(users * 15 / 100);
            }
        });
    }

    @Test
    void aUserKeepsItsSlotWhateverElseIsOnline() {
        qt().withExamples(20).forAll(integers().between(0, 500)).checkAssert(others -> {
            PresenceRota rota = new PresenceRota(Duration.ofSeconds(10), Duration.ofSeconds(1));
            int slot = rota.slotOf("alice");
            List<String> online = new ArrayList<>(List.of("alice"));
            IntStream.range(0, others).forEach(i -> online.add("x" + i));
            for (int i = 0; i < 30; i++) {
                assertThat(rota.next(online).contains("alice")).isEqualTo(i % 10 == slot);
            }
        });
    }

    @Test
    void aTickLongerThanThePeriodIsRefused() {
        assertThatThrownBy(() -> new PresenceRota(Duration.ofSeconds(1), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
