package io.chorus.notification.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.common.presence.PresenceStatus;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PresenceWatchersTest {
    private final PresenceWatchers<String> watchers = new PresenceWatchers<>();

    @Test
    void onlyAChangeOfAWatchedUsersStatusIsTold() {
        watchers.replace("s1", Set.of("alice", "bob"));
        watchers.replace("s2", Set.of("alice"));
        watchers.known("alice", PresenceStatus.ONLINE);

        assertThat(watchers.changed("alice", PresenceStatus.ONLINE))
                .as("a refresh")
                .isEmpty();
        assertThat(watchers.changed("alice", PresenceStatus.AWAY)).containsExactlyInAnyOrder("s1", "s2");
        assertThat(watchers.changed("alice", PresenceStatus.AWAY)).isEmpty();
        assertThat(watchers.changed("carol", PresenceStatus.ONLINE))
                .as("nobody watches carol")
                .isEmpty();
        assertThat(watchers.changed("bob", PresenceStatus.OFFLINE)).containsExactly("s1");
    }

    @Test
    void aReplacedOrClosedWatchStopsAndForgetsItsUsers() {
        watchers.replace("s1", Set.of("alice", "bob"));
        watchers.replace("s1", Set.of("bob"));
        assertThat(watchers.changed("alice", PresenceStatus.AWAY)).isEmpty();
        assertThat(watchers.watchedUsers()).isEqualTo(1);

        watchers.remove("s1");
        assertThat(watchers.watchedUsers()).isZero();
        watchers.replace("s2", Set.of("bob"));
        assertThat(watchers.changed("bob", PresenceStatus.ONLINE))
                .as("what was told to a closed watch is forgotten")
                .containsExactly("s2");
        watchers.replace("s2", Set.of());
        assertThat(watchers.watchedUsers()).isZero();
    }
}
