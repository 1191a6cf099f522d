package io.chorus.workers.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.common.events.MetaPayloads;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which channel.created events come late for a channel that exists (decision 0100). */
class ChannelCreationsTest {
    private static MetaEvent created(String channel, String actor, String kind, Instant at) {
        return new MetaEvent.ChannelCreated(
                channel, actor, at, new MetaPayloads.ChannelCreated("n", kind, null, List.of()));
    }

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aStoredChannelRefusesACreateByAnotherActorOrOfAnotherKind() {
        List<MetaEvent> events = List.of(
                created("c", "mallory", "private", T),
                created("c", "alice", "public", T),
                created("c", "alice", "private", T.plusSeconds(60)),
                created("new", "bob", "public", T));
        Map<Integer, String> late =
                ChannelCreations.late(events, Map.of("c", new ChannelCreations.Creation("alice", "private")));
        assertThat(late).containsOnlyKeys(0, 1);
        assertThat(late.get(0)).contains("exists").contains("alice").contains("mallory");
    }

    @Test
    void withinABatchTheFirstCreateWins() {
        List<MetaEvent> events = List.of(
                created("c", "alice", "private", T),
                created("c", "alice", "private", T),
                created("c", "mallory", "private", T.plusSeconds(1)),
                new MetaEvent.MembersAdded("c", "alice", T, List.of("bob"), "member"));
        assertThat(ChannelCreations.late(events, Map.of())).containsOnlyKeys(2);
        assertThat(ChannelCreations.named(events)).containsExactly("c");
    }

    @Test
    void nothingStoredNothingLate() {
        assertThat(ChannelCreations.late(
                        List.of(created("a", "u", "public", T), created("b", "v", "private", T)), Map.of()))
                .isEmpty();
    }
}
