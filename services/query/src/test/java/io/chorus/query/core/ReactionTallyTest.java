package io.chorus.query.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.common.events.UuidV7;
import io.chorus.query.api.HistoryMessage;
import io.chorus.query.api.HistoryPage;
import io.chorus.query.api.Reaction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReactionTallyTest {
    private final UUID first = UuidV7.generate();
    private final UUID second = UuidV7.generate();

    @Test
    void countsUsersPerEmojiMostUsedFirstAndMarksTheCallers() {
        Map<UUID, List<Reaction>> tallied = ReactionTally.tally(
                List.of(
                        new ReactionTally.Row(first, "tada", "u2"),
                        new ReactionTally.Row(first, "+1", "u1"),
                        new ReactionTally.Row(first, "+1", "u2"),
                        new ReactionTally.Row(first, "+1", "u3"),
                        new ReactionTally.Row(first, "eyes", "u3"),
                        new ReactionTally.Row(second, "eyes", "u1")),
                "u2");

        assertThat(tallied.get(first))
                .containsExactly(
                        new Reaction("+1", 3, true), new Reaction("eyes", 1, false), new Reaction("tada", 1, true));
        assertThat(tallied.get(second)).containsExactly(new Reaction("eyes", 1, false));
    }

    @Test
    void attachesToEachMessageItsOwnAndNoneToTheOthers() {
        HistoryPage page = new HistoryPage(List.of(message(first), message(second)), true);

        HistoryPage with = ReactionTally.attach(
                page, ReactionTally.tally(List.of(new ReactionTally.Row(second, "+1", "u9")), "u1"));

        assertThat(with.hasMore()).isTrue();
        assertThat(with.messages().get(0).reactions()).isEmpty();
        assertThat(with.messages().get(1).reactions()).containsExactly(new Reaction("+1", 1, false));
        assertThat(with.messages().get(1).text()).isEqualTo("hi");
    }

    private static HistoryMessage message(UUID id) {
        return new HistoryMessage(id, "c1", "u1", "hi", Instant.EPOCH, null, false, 1L, null);
    }
}
