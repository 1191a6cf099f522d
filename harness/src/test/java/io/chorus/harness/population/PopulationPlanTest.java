package io.chorus.harness.population;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.harness.scenario.MembershipShape.BusyUsers;
import io.chorus.harness.scenario.MembershipShape.LargeChannels;
import io.chorus.harness.scenario.MembershipShape.RandomSpread;
import io.chorus.harness.scenario.PopulationSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PopulationPlanTest {
    private final PopulationPlan plan = new PopulationPlan(
            new PopulationSpec(
                    1_000_000,
                    List.of(
                            new LargeChannels("everyone", 1, 1_000_000),
                            new BusyUsers("busy", 2, 100_000, 1),
                            new RandomSpread("rooms", 100, 2, 5))),
            7);

    @Test
    void aMillionMemberChannelIsStreamedNotStored() {
        AtomicLong members = new AtomicLong();
        plan.forEachMember("everyone", 0, u -> members.incrementAndGet());
        assertThat(members.get()).isEqualTo(1_000_000);
    }

    @Test
    void aBusyUserIsInAHundredThousandChannels() {
        var roster = plan.roster(List.of("u1"));
        assertThat(roster.channelsOf("u1"))
                .hasSizeGreaterThanOrEqualTo(100_001) // its own, plus everyone-0
                .contains("everyone-0", "busy-100000", "busy-199999")
                .doesNotContain("busy-0");
    }

    @Test
    void randomSpreadsAreDeterministicAndWithinTheirRange() {
        for (long c = 0; c < 100; c++) {
            Set<Long> a = new HashSet<>();
            Set<Long> b = new HashSet<>();
            plan.forEachMember("rooms", c, a::add);
            new PopulationPlan(new PopulationSpec(1_000_000, List.of(new RandomSpread("rooms", 100, 2, 5))), 7)
                    .forEachMember("rooms", c, b::add);
            assertThat(a).hasSizeBetween(2, 5).isEqualTo(b);
        }
    }

    @Test
    void theFirstMemberIsTheFirstOneStreamedAndTheBusyUserOwnsItsChannels() {
        assertThat(plan.firstMember("everyone", 0)).isZero();
        assertThat(plan.firstMember("busy", 100_000)).isEqualTo(1);
        for (long c = 0; c < 100; c++) {
            List<Long> members = new java.util.ArrayList<>();
            plan.forEachMember("rooms", c, members::add);
            assertThat(plan.firstMember("rooms", c)).isEqualTo(members.get(0));
        }
    }

    @Test
    void onlineUsersAreDrawnFromTheNamedGroups() {
        PopulationPlan small =
                new PopulationPlan(new PopulationSpec(1000, List.of(new LargeChannels("team", 1, 50))), 1);
        List<String> online = small.onlineUsers(20, List.of("team"));
        assertThat(online)
                .hasSize(20)
                .doesNotHaveDuplicates()
                .allSatisfy(u -> assertThat(Long.parseLong(u.substring(1))).isLessThan(50));
    }

    @Test
    void theBusyUsersAreTheOnesOnline() {
        PopulationPlan busy = new PopulationPlan(
                new PopulationSpec(
                        20_000, List.of(new BusyUsers("busy", 10, 1000, 1), new RandomSpread("bg", 10, 2, 5))),
                11);
        assertThat(busy.onlineUsers(10, List.of("busy")))
                .containsExactlyInAnyOrder("u0", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9");
        assertThat(busy.onlineUsers(12, List.of("busy"))).hasSize(12).contains("u0", "u9");
    }
}
