package io.chorus.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.harness.population.PopulationPlan;
import io.chorus.harness.scenario.MembershipShape.LargeChannels;
import io.chorus.harness.scenario.MembershipShape.RandomSpread;
import io.chorus.harness.scenario.PopulationSpec;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MixStateTest {
    private final PopulationPlan plan = new PopulationPlan(
            new PopulationSpec(50, List.of(new LargeChannels("all", 1, 50), new RandomSpread("rooms", 20, 2, 4))), 3);
    private final List<String> online = List.of("u1", "u2", "u3");
    private final MixState state =
            new MixState(plan, user -> "token-" + user, plan.roster(online).channelsByUser());

    @Test
    void aJoinIsOfAChannelOutsideTheUsersPopulationMembershipAddedByItsCreator() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 200; i++) {
            MixState.Join join = state.joinable(r);
            assertThat(join).isNotNull();
            assertThat(join.channel()).startsWith("rooms-"); // every user is in the large channel
            assertThat(plan.roster(online).channelsOf(join.user())).doesNotContain(join.channel());
            long index = Long.parseLong(join.channel().substring("rooms-".length()));
            assertThat(join.owner()).isEqualTo(PopulationPlan.user(plan.firstMember("rooms", index)));
        }
    }

    @Test
    void aJoinedChannelIsLeftOnlyOnceItHadTimeToReachTheSockets() {
        MixState.Seat seat = new MixState.Seat("u1", "rooms-3");
        state.joined(seat, 1_000_000);
        assertThat(state.takeJoined(1_000_000 + MixState.JOINED_FOR_MICROS - 1)).isEmpty();
        assertThat(state.takeJoined(1_000_000 + MixState.JOINED_FOR_MICROS)).contains(seat);
        assertThat(state.takeJoined(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void aDeletedMessageIsNeverActedOnAgain() {
        MixState.Seen seen = new MixState.Seen("rooms-1", "m1", "u2", "u1", "hello there");
        state.offer(seen);
        state.offer(seen);
        SplittableRandom r = new SplittableRandom(2);
        assertThat(state.message(r, true)).isEqualTo(seen);
        state.offer(seen); // a later history read still returns it, as a tombstone or before the delete applied
        assertThat(state.message(r, false)).isNull();
    }

    @Test
    void onlyMarksAndReactionsAnsweredOkAreKeptForTheReadBackUpToABound() {
        for (int i = 0; i < MixState.VERIFIED + 10; i++) {
            state.marked("u1", "rooms-" + i);
        }
        assertThat(state.marks()).hasSize(MixState.VERIFIED);
        assertThat(Set.copyOf(state.marks())).hasSize(MixState.VERIFIED);
    }
}
