package io.chorus.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.harness.Poll;
import io.chorus.harness.checker.CostChecker;
import io.chorus.harness.history.History;
import io.chorus.harness.history.HistoryWriter;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.history.Sample;
import io.chorus.harness.population.ImportSeeder;
import io.chorus.harness.population.PopulationPlan;
import io.chorus.harness.population.Seeder;
import io.chorus.harness.scenario.MembershipShape.LargeChannels;
import io.chorus.harness.scenario.PopulationSpec;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cost samples from the live stack: one NATS event subscription per notification instance, and the fan-out's
 * publish counter growing by exactly the number of instances holding an online member per message (2 here: one
 * member online on each instance; a third, offline member costs nothing).
 */
@ExtendWith(LocalStackExtension.class)
class CostProbeIT {
    private static final int MESSAGES = 25;

    @Test
    void samplesSubscriptionsPerInstanceAndPublishesPerMessage(StackDescription stack) throws Exception {
        String group = "cost-" + UUID.randomUUID().toString().substring(0, 6);
        PopulationPlan plan = new PopulationPlan(new PopulationSpec(3, List.of(new LargeChannels(group, 1, 3))), 1);
        Seeder.Seeded users = new ImportSeeder(new PrintStream(PrintStream.nullOutputStream())).seed(plan, stack);
        Path file = Files.createTempFile("cost-", ".ndjson");
        CostProbe probe = new CostProbe();
        RunClock clock = new RunClock();
        LiveCounters live = new LiveCounters();
        try (HistoryWriter history = new HistoryWriter(file);
                WebSocketFleet fleet = new WebSocketFleet()) {
            fleet.connect(stack, Map.of("u0", 0, "u1", 1), users, history, clock, live);
            probe.sample(stack, history, clock);
            MessageSender sender = new MessageSender(stack, users);
            for (int i = 0; i < MESSAGES; i++) {
                sender.send("u2", PopulationPlan.channel(group, 0), "c" + i, "cost " + i);
            }
            Poll.until(
                    "both members' receipts",
                    Duration.ofSeconds(30),
                    () -> live.snapshot().delivered() >= 2L * MESSAGES);
            probe.sample(stack, history, clock);
        }
        History history = History.read(file);
        List<Sample> subscriptions = history.of(Sample.class)
                .filter(s -> s.metric().equals(CostChecker.SUBSCRIPTIONS))
                .toList();
        assertThat(subscriptions)
                .hasSize(2 * stack.services().notification().size())
                .allSatisfy(s -> assertThat(s.value()).isEqualTo(1.0));
        List<Sample> publishes = history.of(Sample.class)
                .filter(s -> s.metric().equals(CostChecker.PUBLISHES))
                .toList();
        assertThat(publishes).hasSize(2 * stack.services().fanout().size());
        double growth = publishes.subList(publishes.size() / 2, publishes.size()).stream()
                        .mapToDouble(Sample::value)
                        .sum()
                - publishes.subList(0, publishes.size() / 2).stream()
                        .mapToDouble(Sample::value)
                        .sum();
        assertThat(growth).isEqualTo(2.0 * MESSAGES);
        Files.deleteIfExists(file);
    }
}
