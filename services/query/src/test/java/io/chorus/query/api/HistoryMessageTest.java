package io.chorus.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HistoryMessageTest {
    @Test
    void aDeletedMessageShowsNoTextAndNoEditTimeWhateverItsRowHolds() {
        HistoryMessage deleted = new HistoryMessage(
                UUID.randomUUID(), "c1", "u1", "edited after the delete", Instant.EPOCH, Instant.EPOCH, true, 1L, "k");

        assertThat(deleted.text()).isNull();
        assertThat(deleted.editedAt()).isNull();
        assertThat(deleted.deleted()).isTrue();
        assertThat(new HistoryMessage(
                                UUID.randomUUID(), "c1", "u1", "kept", Instant.EPOCH, Instant.EPOCH, false, 1L, "k")
                        .text())
                .isEqualTo("kept");
    }

    @Test
    void aDeletedMessageShowsNoReactions() {
        HistoryMessage message =
                new HistoryMessage(UUID.randomUUID(), "c1", "u1", "hi", Instant.EPOCH, null, false, 1L, null);
        List<Reaction> one = List.of(new Reaction("+1", 1, true));

        assertThat(message.reactions()).isEmpty();
        assertThat(message.withReactions(one).reactions()).isEqualTo(one);
        assertThat(new HistoryMessage(UUID.randomUUID(), "c1", "u1", "hi", Instant.EPOCH, null, true, 1L, null, one)
                        .reactions())
                .isEmpty();
    }
}
