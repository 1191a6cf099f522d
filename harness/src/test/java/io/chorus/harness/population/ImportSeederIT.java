package io.chorus.harness.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.common.nats.PermissionsBucket;
import io.chorus.harness.client.Channel;
import io.chorus.harness.client.ChorusClient;
import io.chorus.harness.client.MyChannel;
import io.chorus.harness.client.Page;
import io.chorus.harness.scenario.MembershipShape.BusyUsers;
import io.chorus.harness.scenario.MembershipShape.LargeChannels;
import io.chorus.harness.scenario.MembershipShape.RandomSpread;
import io.chorus.harness.scenario.PopulationSpec;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.nats.client.Connection;
import io.nats.client.KeyValue;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The import seeder against the shared stack: when {@code seed} returns, every membership of the plan is already
 * in the permissions KV and counted by the Query API (no waiting in the test); seeding again changes nothing.
 */
@ExtendWith(LocalStackExtension.class)
class ImportSeederIT {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @Test
    void everyMembershipIsAuthorisedAndListedWhenSeedReturnsAndASecondSeedChangesNothing(StackDescription stack)
            throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        PopulationPlan plan = new PopulationPlan(
                new PopulationSpec(
                        300,
                        List.of(
                                new LargeChannels("seed-big-" + tag, 1, 300),
                                new RandomSpread("seed-rooms-" + tag, 20, 2, 10),
                                new BusyUsers("seed-busy-" + tag, 1, 50, 1))),
                5);
        // 97 lines a request: the plan's ~650 lines go out in several bodies, cut mid-channel
        ImportSeeder seeder = new ImportSeeder(new PrintStream(printed, true, StandardCharsets.UTF_8), 97);

        Seeder.Seeded users = seeder.seed(plan, stack);

        Map<String, Long> expected = expectedMemberCounts(plan);
        assertEveryMembershipApplied(stack, plan, users, expected);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("request(s)");

        seeder.seed(plan, stack); // idempotent: same plan, same ids
        assertEveryMembershipApplied(stack, plan, users, expected);
        // a user's token works against the Query API: u0 is in the big channel
        assertThat(channelsOf(stack, users.tokenFor("u0"))).contains("seed-big-" + tag + "-0");
    }

    /** Every page of the caller's channels: populations of other tests on the shared stack use the same user ids. */
    private List<String> channelsOf(StackDescription stack, String token) {
        List<String> channels = new java.util.ArrayList<>();
        ChorusClient client = ChorusClient.of(stack);
        String cursor = null;
        do {
            Page<MyChannel> page = client.myChannels(token, cursor, 1000);
            page.items().forEach(item -> channels.add(item.channelId()));
            cursor = page.last() ? null : page.nextCursor();
        } while (cursor != null);
        return channels;
    }

    @Test
    void aRefusedImportFailsTheSeedNamingTheBatchAndTheServersError(StackDescription stack) {
        // a stack description whose secret the services do not know: every import is refused (401)
        StackDescription wrongSecret = new StackDescription(
                stack.schemaVersion(),
                stack.runId(),
                stack.runDir(),
                stack.state(),
                stack.owner(),
                stack.createdAt(),
                stack.shape(),
                stack.nats(),
                stack.cassandra(),
                stack.mongo(),
                stack.elasticsearch(),
                stack.toxiproxy(),
                stack.services(),
                new StackDescription.Auth("not-the-stack-secret-not-the-stack-secret"),
                stack.pids(),
                stack.gateway(),
                stack.push());
        PopulationPlan plan = new PopulationPlan(new PopulationSpec(3, List.of(new LargeChannels("refused", 1, 3))), 1);
        assertThatThrownBy(() -> new ImportSeeder(new PrintStream(printed, true, StandardCharsets.UTF_8))
                        .seed(plan, wrongSecret))
                .hasMessageContaining("batch 1 (lines 1-6)")
                .hasMessageContaining("401");
    }

    private static Map<String, Long> expectedMemberCounts(PopulationPlan plan) {
        Map<String, Long> counts = new HashMap<>();
        plan.shapes().forEach(shape -> {
            for (long c = 0; c < shape.channels(); c++) {
                long[] n = {0};
                plan.forEachMember(shape.group(), c, u -> n[0]++);
                counts.put(PopulationPlan.channel(shape.group(), c), n[0]);
            }
        });
        return counts;
    }

    private void assertEveryMembershipApplied(
            StackDescription stack, PopulationPlan plan, Seeder.Seeded users, Map<String, Long> expected)
            throws Exception {
        try (Connection nats = Nats.connect(new Options.Builder()
                .servers(stack.nats().urls().toArray(String[]::new))
                .build())) {
            KeyValue permissions = nats.keyValue(PermissionsBucket.NAME);
            List<String> missingKeys = new ArrayList<>();
            for (var shape : plan.shapes()) {
                for (long c = 0; c < shape.channels(); c++) {
                    String channel = PopulationPlan.channel(shape.group(), c);
                    plan.forEachMember(shape.group(), c, u -> {
                        try {
                            if (permissions.get(PermissionsBucket.membershipKey(channel, PopulationPlan.user(u)))
                                    == null) {
                                missingKeys.add(channel + "." + PopulationPlan.user(u));
                            }
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    String reader = PopulationPlan.user(plan.firstMember(shape.group(), c));
                    Channel answer = ChorusClient.of(stack).channel(users.tokenFor(reader), channel);
                    assertThat(answer.memberCount()).as(channel + ": " + answer).isEqualTo(expected.get(channel));
                }
            }
            assertThat(missingKeys).isEmpty();
        }
    }
}
