package io.chorus.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.harness.checker.StoreListing;
import io.chorus.harness.population.ImportSeeder;
import io.chorus.harness.population.PopulationPlan;
import io.chorus.harness.population.Seeder;
import io.chorus.harness.scenario.MembershipShape.LargeChannels;
import io.chorus.harness.scenario.PopulationSpec;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The store listing through the Query API: pages past 200 messages, lists each message's clientMsgId, and, started while messages are still being
 * sent and written, returns only once the listing has stopped growing, with every accepted message.
 */
@ExtendWith(LocalStackExtension.class)
class HistoryApiCollectorIT {
    private static final int MESSAGES = 450;

    @Test
    void listsEveryAcceptedMessageOnceTheWriterHasCaughtUp(StackDescription stack) {
        String group = "store-" + UUID.randomUUID().toString().substring(0, 6);
        PopulationPlan plan = new PopulationPlan(new PopulationSpec(3, List.of(new LargeChannels(group, 2, 3))), 1);
        Seeder.Seeded users = new ImportSeeder(new PrintStream(PrintStream.nullOutputStream())).seed(plan, stack);
        String busy = PopulationPlan.channel(group, 0);
        String quiet = PopulationPlan.channel(group, 1);
        MessageSender sender = new MessageSender(stack, users);

        CompletableFuture<List<String>> sending =
                CompletableFuture.supplyAsync(() -> java.util.stream.IntStream.range(0, MESSAGES)
                        .mapToObj(i -> sender.send("u" + (i % 3), busy, "k" + i, "text " + i))
                        .toList());
        StoreListing listing = new HistoryApiCollector().collect(stack, Map.of(busy, "u1", quiet, "u2"), users);
        List<String> accepted = sending.join();

        assertThat(listing.messages()).allSatisfy(m -> assertThat(m.channel()).isEqualTo(busy));
        assertThat(listing.messages())
                .extracting(StoreListing.StoredMessage::messageId)
                .containsExactlyInAnyOrderElementsOf(accepted);
        // each stored message carries the clientMsgId it was sent with (decision 0038): k<i> under the i-th 202's id
        Map<String, String> clientMsgIdByMessage = new java.util.HashMap<>();
        listing.messages().forEach(m -> clientMsgIdByMessage.put(m.messageId(), m.clientMsgId()));
        for (int i = 0; i < MESSAGES; i++) {
            assertThat(clientMsgIdByMessage.get(accepted.get(i)))
                    .as("message %d", i)
                    .isEqualTo("k" + i);
        }
    }

    @Test
    void aReaderWhoIsNotAMemberFailsTheListing(StackDescription stack) {
        String group = "store-" + UUID.randomUUID().toString().substring(0, 6);
        PopulationPlan plan = new PopulationPlan(new PopulationSpec(2, List.of(new LargeChannels(group, 1, 1))), 1);
        Seeder.Seeded users = new ImportSeeder(new PrintStream(PrintStream.nullOutputStream())).seed(plan, stack);
        assertThatThrownBy(() ->
                        new HistoryApiCollector().collect(stack, Map.of(PopulationPlan.channel(group, 0), "u1"), users))
                .hasMessageContaining("listing " + group + "-0 failed: 403");
    }
}
