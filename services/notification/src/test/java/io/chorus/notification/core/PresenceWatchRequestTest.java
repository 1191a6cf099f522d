package io.chorus.notification.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PresenceWatchRequestTest {
    private final Map<String, List<String>> members = Map.of(
            "c1", List.of("alice", "bob", "carol"),
            "c2", List.of("alice", "dave"),
            "big", IntStream.range(0, 10).mapToObj(i -> "u" + i).collect(Collectors.toList()));

    @Test
    void theMembersOfTheChannelsButTheWatcherOnce() throws Exception {
        assertThat(users(List.of("c1", "c2", "c1"), 10, 5)).containsExactly("bob", "carol", "dave");
        assertThat(users(List.of(), 10, 5)).isEmpty();
    }

    @Test
    void tooManyChannelsOrUsersOrAChannelNotJoinedIsRefusedWhole() {
        assertThatThrownBy(() -> users(List.of("c1", "c2"), 1, 5))
                .isInstanceOfSatisfying(
                        PresenceWatchRequest.Refused.class,
                        r -> assertThat(r.code()).isEqualTo("too_many_watched"));
        assertThatThrownBy(() -> users(List.of("big"), 10, 9))
                .isInstanceOfSatisfying(
                        PresenceWatchRequest.Refused.class,
                        r -> assertThat(r.code()).isEqualTo("too_many_watched"));
        assertThatThrownBy(() -> users(List.of("c1", "elsewhere"), 10, 5))
                .isInstanceOfSatisfying(
                        PresenceWatchRequest.Refused.class,
                        r -> assertThat(r.code()).isEqualTo("not_a_member"));
        assertThatThrownBy(() -> users(List.of("a.b"), 10, 5)).isInstanceOf(PresenceWatchRequest.Refused.class);
    }

    private java.util.Set<String> users(List<String> channels, int maxChannels, int maxUsers)
            throws PresenceWatchRequest.Refused {
        return PresenceWatchRequest.users(
                "alice",
                channels,
                maxChannels,
                maxUsers,
                members::containsKey,
                (channel, limit) -> members.get(channel).stream().limit(limit).toList());
    }
}
