package io.chorus.harness.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.common.events.DirectChannels;
import io.chorus.harness.checker.Roster;
import io.chorus.harness.population.PopulationPlan;
import io.chorus.harness.push.PushPopulation.Conversation;
import io.chorus.harness.push.PushPopulation.Device;
import io.chorus.harness.scenario.MembershipShape;
import io.chorus.harness.scenario.PopulationSpec;
import io.chorus.harness.scenario.PushSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who has a phone, who stays offline, and who addresses them: decided from the seed alone, without a network. */
class PushPopulationTest {
    private static final PopulationPlan PLAN = new PopulationPlan(
            new PopulationSpec(500, List.of(new MembershipShape.RandomSpread("chatter", 80, 3, 12))), 19);
    private static final PushSpec SPEC = new PushSpec(0.2, 0.5, 0.7, 0.1, 3, 3);

    @Test
    void theShareOfUsersGetsOneDeviceEachWithProvidersOfflineAndExpiredNearTheirShares() {
        PushPopulation phones = PushPopulation.of(PLAN, SPEC);
        List<Device> devices = phones.devices();
        assertThat(devices).hasSize(100);
        assertThat(devices.stream().map(Device::user).distinct()).hasSize(100);
        assertThat(devices.stream().map(Device::token).distinct()).hasSize(100);
        long apns = devices.stream().filter(d -> d.platform().equals("apns")).count();
        long offline = devices.stream().filter(Device::offline).count();
        long expired = devices.stream().filter(Device::expired).count();
        assertThat(apns).isBetween(35L, 65L);
        assertThat(offline).isBetween(55L, 85L);
        assertThat(expired).isBetween(3L, 20L);
        assertThat(devices)
                .filteredOn(d -> d.platform().equals("apns"))
                .allSatisfy(d -> assertThat(d.token()).matches("[0-9a-f]{64}"));
    }

    @Test
    void theSameSeedGivesTheSamePhonesAndAnotherSeedOthers() {
        assertThat(PushPopulation.of(PLAN, SPEC).devices())
                .isEqualTo(PushPopulation.of(PLAN, SPEC).devices());
        PopulationPlan other = new PopulationPlan(
                new PopulationSpec(500, List.of(new MembershipShape.RandomSpread("chatter", 80, 3, 12))), 20);
        assertThat(PushPopulation.of(other, SPEC).devices())
                .isNotEqualTo(PushPopulation.of(PLAN, SPEC).devices());
    }

    @Test
    void directMessagesComeFromAnotherUserInTheirDirectChannel() {
        PushPopulation phones = PushPopulation.of(PLAN, SPEC);
        assertThat(phones.directs()).hasSize(phones.devices().size());
        assertThat(phones.directs()).allSatisfy(c -> {
            assertThat(c.author()).isNotEqualTo(c.user());
            assertThat(c.channel()).isEqualTo(DirectChannels.id(c.author(), c.user()));
        });
    }

    @Test
    void mentionsAreInAChannelBothAuthorAndUserAreMembersOf() {
        PushPopulation phones = PushPopulation.of(PLAN, SPEC);
        Set<String> users = new HashSet<>();
        phones.mentions().forEach(c -> {
            users.add(c.user());
            users.add(c.author());
        });
        Roster roster = PLAN.roster(List.copyOf(users));
        assertThat(phones.mentions()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.author()).isNotEqualTo(c.user());
            assertThat(roster.channelsOf(c.user())).contains(c.channel());
            assertThat(roster.channelsOf(c.author())).contains(c.channel());
        });
        Set<String> deviceUsers = new HashSet<>();
        phones.devices().forEach(d -> deviceUsers.add(d.user()));
        assertThat(phones.mentions()).extracting(Conversation::user).allMatch(deviceUsers::contains);
        assertThat(phones.mentions().stream()
                        .filter(c -> c.user().equals(phones.mentions().get(0).user())))
                .hasSizeLessThanOrEqualTo(PushPopulation.CHANNELS_PER_USER);
    }

    @Test
    void offlineDeviceUsersLeaveTheOnlineListAndTheOthersJoinIt() {
        PushPopulation phones = PushPopulation.of(PLAN, SPEC);
        List<String> drawn = PLAN.onlineUsers(100, List.of());
        List<String> online = phones.online(drawn);
        assertThat(online).doesNotHaveDuplicates();
        for (Device d : phones.devices()) {
            assertThat(online.contains(d.user())).as(d.user()).isEqualTo(!d.offline());
        }
        assertThat(online)
                .containsAll(drawn.stream()
                        .filter(u -> phones.devices().stream()
                                .noneMatch(d -> d.user().equals(u)))
                        .toList());
    }
}
