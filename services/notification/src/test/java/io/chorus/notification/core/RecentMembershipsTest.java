package io.chorus.notification.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecentMembershipsTest {
    private static final long TTL = 1_000;

    @Test
    void aRemovalTheStoreDoesNotShowYetIsTakenOut() {
        RecentMemberships recent = new RecentMemberships(TTL, 10);
        recent.removed("bob", "c1", 0);
        assertThat(recent.apply("bob", List.of("c1", "c2"), 10)).containsExactly("c2");
        assertThat(recent.apply("alice", List.of("c1"), 10)).containsExactly("c1");
    }

    @Test
    void anAdditionTheStoreDoesNotShowYetIsPutIn() {
        RecentMemberships recent = new RecentMemberships(TTL, 10);
        recent.added("bob", "c3", 0);
        assertThat(recent.apply("bob", List.of("c1"), 10)).containsExactly("c1", "c3");
    }

    @Test
    void theLatestChangeOfAPairWinsAndSurvivesTheOlderOnesExpiry() {
        RecentMemberships recent = new RecentMemberships(TTL, 10);
        recent.added("bob", "c1", 0);
        recent.removed("bob", "c1", 600);
        assertThat(recent.apply("bob", List.of("c1"), 700)).isEmpty();
        // the addition expires at 1,000; the removal it was replaced by is still kept
        assertThat(recent.apply("bob", List.of("c1"), 1_500)).isEmpty();
        assertThat(recent.apply("bob", List.of("c1"), 1_700)).containsExactly("c1");
        assertThat(recent.size()).isZero();
    }

    @Test
    void theOldestChangesAreDroppedPastTheBound() {
        RecentMemberships recent = new RecentMemberships(TTL, 2);
        recent.removed("a", "c", 0);
        recent.removed("b", "c", 1);
        recent.removed("d", "c", 2);
        assertThat(recent.size()).isEqualTo(2);
        assertThat(recent.apply("a", List.of("c"), 3)).containsExactly("c");
        assertThat(recent.apply("d", List.of("c"), 3)).isEmpty();
    }

    @Test
    void aUserWithoutChangesGetsTheLoadedListItself() {
        RecentMemberships recent = new RecentMemberships(TTL, 10);
        recent.removed("bob", "c1", 0);
        List<String> loaded = List.of("c1");
        assertThat(recent.apply("alice", loaded, 1)).isSameAs(loaded);
    }
}
