package io.chorus.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.harness.population.PopulationPlan;
import io.chorus.harness.scenario.MembershipShape;
import io.chorus.harness.scenario.Phase;
import io.chorus.harness.scenario.Phase.MessageSize;
import io.chorus.harness.scenario.Phase.RateStep;
import io.chorus.harness.scenario.PopulationSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArrivalFeederTest {
    private static final long START = 1_700_000_000_000_000L;
    private final PopulationPlan plan = new PopulationPlan(
            new PopulationSpec(
                    500,
                    List.of(
                            new MembershipShape.LargeChannels("big", 1, 400),
                            new MembershipShape.RandomSpread("rooms", 20, 2, 6),
                            new MembershipShape.BusyUsers("busy", 2, 5, 3))),
            42);
    private final Phase ramp = new Phase(
            "ramp",
            List.of(
                    new RateStep(20, Duration.ofSeconds(10)),
                    new RateStep(40, Duration.ofSeconds(10)),
                    new RateStep(3, Duration.ofMillis(1500))),
            List.of("big", "rooms", "busy"),
            new MessageSize(5, 40));

    private List<Arrival> all(ArrivalFeeder feeder) {
        List<Arrival> arrivals = new ArrayList<>();
        feeder.from(START).forEachRemaining(arrivals::add);
        return arrivals;
    }

    @Test
    void followsEachStepsScheduleOneAfterTheOther() {
        ArrivalFeeder feeder = new ArrivalFeeder(plan, ramp, "run1-0", 7);
        List<Arrival> arrivals = all(feeder);
        assertThat(feeder.total()).isEqualTo(200 + 400 + 4);
        assertThat(arrivals).hasSize(604);
        List<ArrivalSchedule> schedules = feeder.schedules(START);
        assertThat(schedules.get(1).startMicros()).isEqualTo(START + 10_000_000);
        assertThat(schedules.get(2).startMicros()).isEqualTo(START + 20_000_000);
        for (Arrival a : arrivals) {
            assertThat(a.intended()).isEqualTo(schedules.get(a.step()).intended(a.index()));
        }
        assertThat(arrivals.get(0).intended()).isEqualTo(START);
        assertThat(arrivals.get(200).step()).isEqualTo(1);
        assertThat(arrivals.get(200).intended()).isEqualTo(START + 10_000_000);
        assertThat(arrivals.get(201).intended()).isEqualTo(START + 10_025_000);
        assertThat(arrivals).extracting(Arrival::intended).isSorted();
    }

    @Test
    void everySenderIsAMemberOfItsChannelAndEveryIdIsUniqueAndValid() {
        List<Arrival> arrivals = all(new ArrivalFeeder(plan, ramp, "run1-0", 7));
        Map<String, Set<String>> members = new HashMap<>();
        for (Arrival a : arrivals) {
            Set<String> of = members.computeIfAbsent(a.channel(), c -> {
                int dash = c.lastIndexOf('-');
                Set<String> users = new HashSet<>();
                plan.forEachMember(
                        c.substring(0, dash),
                        Long.parseLong(c.substring(dash + 1)),
                        u -> users.add(PopulationPlan.user(u)));
                return users;
            });
            assertThat(of).as(a.channel()).contains(a.sender());
            assertThat(a.clientMsgId()).matches("[A-Za-z0-9_-]{1,64}").startsWith("run1-0-");
            assertThat(a.text()).hasSizeBetween(5, 40).matches("[A-Za-z0-9 ]+").isNotBlank();
        }
        assertThat(arrivals).extracting(Arrival::clientMsgId).doesNotHaveDuplicates();
        // every group is drawn from, the big channel's senders are spread over its 400 members
        assertThat(members.keySet())
                .contains("big-0")
                .anyMatch(c -> c.startsWith("rooms-"))
                .anyMatch(c -> c.startsWith("busy-"));
        assertThat(arrivals.stream()
                        .filter(a -> a.channel().equals("big-0"))
                        .map(Arrival::sender)
                        .distinct()
                        .count())
                .isGreaterThan(5);
    }

    @Test
    void channelsAreDrawnUniformlyOverTheGroups() {
        Phase many = new Phase(
                "many",
                List.of(new RateStep(1000, Duration.ofSeconds(27))),
                List.of("big", "rooms", "busy"),
                new MessageSize(1, 1));
        Map<String, Integer> counts = new HashMap<>();
        new ArrivalFeeder(plan, many, "x", 1).from(0).forEachRemaining(a -> counts.merge(a.channel(), 1, Integer::sum));
        assertThat(counts).hasSize(1 + 20 + 10);
        // 27,000 sends over 31 channels: about 871 each
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(700, 1050));
    }

    @Test
    void pickGroupsDrawsAGroupFirstThenOneOfItsChannels() {
        Phase byGroup = new Phase(
                "by-group",
                List.of(new RateStep(1000, Duration.ofSeconds(30))),
                List.of("big", "rooms", "busy"),
                new MessageSize(1, 1),
                false,
                Phase.Pick.GROUPS);
        Map<String, Integer> perGroup = new HashMap<>();
        Map<String, Integer> perChannel = new HashMap<>();
        new ArrivalFeeder(plan, byGroup, "x", 1).from(0).forEachRemaining(a -> {
            perGroup.merge(a.channel().substring(0, a.channel().lastIndexOf('-')), 1, Integer::sum);
            perChannel.merge(a.channel(), 1, Integer::sum);
        });
        // 30,000 sends over 3 groups (1, 20 and 10 channels): about 10,000 each, the one big channel included
        assertThat(perGroup).containsOnlyKeys("big", "rooms", "busy");
        assertThat(perGroup.values()).allSatisfy(n -> assertThat(n).isBetween(9_400, 10_600));
        assertThat(perChannel.get("big-0")).isBetween(9_400, 10_600);
        assertThat(perChannel).hasSize(1 + 20 + 10);
    }

    @Test
    void theSameInputsGiveTheSameArrivals() {
        assertThat(all(new ArrivalFeeder(plan, ramp, "a", 3))).isEqualTo(all(new ArrivalFeeder(plan, ramp, "a", 3)));
        assertThat(all(new ArrivalFeeder(plan, ramp, "a", 3))).isNotEqualTo(all(new ArrivalFeeder(plan, ramp, "a", 4)));
    }

    @Test
    void theBodyIsTheCommandApisJson() {
        Arrival a = new Arrival(0, 0, "id-1", "c-1", "u1", 0, "hello there");
        assertThat(a.body()).isEqualTo("{\"clientMsgId\":\"id-1\",\"text\":\"hello there\"}");
    }

    @Test
    void endsAfterTheLastStepAndRefusesAPhaseWithoutChannels() {
        Iterator<Arrival> it = new ArrivalFeeder(
                        plan,
                        new Phase(
                                "one",
                                List.of(new RateStep(2, Duration.ofSeconds(1))),
                                List.of("rooms"),
                                new MessageSize(3, 3)),
                        "p",
                        1)
                .from(0);
        it.next();
        it.next();
        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> new ArrivalFeeder(
                        plan,
                        new Phase(
                                "none",
                                List.of(new RateStep(1, Duration.ofSeconds(1))),
                                List.of(),
                                new MessageSize(1, 1)),
                        "p",
                        1))
                .hasMessageContaining("no channel");
    }
}
