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

    @Test
    void aSmallHeapKeepsFewerChangesSoTheyTakeATenthOfIt() {
        long mb = 1024 * 1024;
        // 96 MB heap (decision 0223): 9.6 MB of changes, 19,358 of them, not 200,000 (100 MB)
        assertThat(RecentMemberships.maxEntriesFor(96 * mb, 200_000)).isEqualTo(19_358);
        assertThat(RecentMemberships.maxEntriesFor(4096 * mb, 200_000)).isEqualTo(200_000);
        assertThat(RecentMemberships.maxEntriesFor(0, 200_000)).isEqualTo(1);
    }
}
