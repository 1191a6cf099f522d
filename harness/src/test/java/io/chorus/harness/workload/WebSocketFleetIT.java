package io.chorus.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.harness.Poll;
import io.chorus.harness.history.History;
import io.chorus.harness.history.HistoryWriter;
import io.chorus.harness.history.Op;
import io.chorus.harness.history.Receipt;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.history.SessionClose;
import io.chorus.harness.history.SessionOpen;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The WebSocket fleet against the shared stack's two notification instances: 1,010 sockets become ready, every
 * member receives every message once and in per-channel order, and the history holds exactly one session-open and
 * one session-close per socket, each socket's receipts after its open.
 */
@ExtendWith(LocalStackExtension.class)
class WebSocketFleetIT {
    private static final int IDLE_SOCKETS = 1_000;
    private static final int MEMBERS = 10;
    private static final int MESSAGES = 30;

    @Test
    void aThousandSocketsBecomeReadyAndEveryMemberReceivesEveryMessageOnceInOrder(StackDescription stack)
            throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        PopulationPlan plan = new PopulationPlan(
                new PopulationSpec(MEMBERS, List.of(new LargeChannels("fleet-" + tag, 2, MEMBERS))), 1);
        Seeder.Seeded users = new ImportSeeder(new PrintStream(PrintStream.nullOutputStream())).seed(plan, stack);
        Map<String, Integer> placement = new LinkedHashMap<>();
        for (int u = 0; u < MEMBERS; u++) {
            placement.put(PopulationPlan.user(u), u % 2);
        }
        for (int i = 0; i < IDLE_SOCKETS; i++) {
            placement.put("idle-" + tag + "-" + i, i % 2); // users in no channel: sockets only
        }
        Path file = Files.createTempFile("fleet-", ".ndjson");
        LiveCounters live = new LiveCounters();
        List<String> sent = new ArrayList<>();
        try (HistoryWriter history = new HistoryWriter(file);
                WebSocketFleet fleet = new WebSocketFleet()) {
            long start = System.nanoTime();
            fleet.connect(stack, placement, users, history, new RunClock(), live);
            System.out.printf("%d sockets ready in %d ms%n", placement.size(), (System.nanoTime() - start) / 1_000_000);

            MessageSender sender = new MessageSender(stack, users);
            for (int i = 0; i < MESSAGES; i++) {
                sent.add(sender.send(
                        PopulationPlan.user(i % MEMBERS),
                        PopulationPlan.channel("fleet-" + tag, i % 2),
                        "m" + i,
                        "hello " + i));
            }
            Poll.until(
                    "every member's receipts",
                    Duration.ofSeconds(30),
                    () -> live.snapshot().delivered() >= (long) MESSAGES * MEMBERS);
            fleet.drain(Duration.ofMillis(500), Duration.ofSeconds(10));
            fleet.close();
            fleet.close(); // twice is harmless
        }

        History history = History.read(file);
        assertThat(history.of(SessionOpen.class)).hasSize(placement.size());
        assertThat(history.of(SessionOpen.class).map(SessionOpen::instance).distinct())
                .hasSize(2);
        assertThat(history.of(SessionClose.class))
                .hasSize(placement.size())
                .allSatisfy(c -> assertThat(c.reason()).isEqualTo("end of run"));
        Map<String, Set<String>> receivedBy = new HashMap<>();
        Map<String, Long> lastSeq = new HashMap<>();
        Set<String> opened = new HashSet<>();
        for (Op op : history.ops()) {
            if (op instanceof SessionOpen open) {
                opened.add(open.connection());
            } else if (op instanceof Receipt r) {
                assertThat(opened).as("a receipt after its socket's open").contains(r.connection());
                assertThat(receivedBy
                                .computeIfAbsent(r.receiver(), k -> new HashSet<>())
                                .add(r.messageId()))
                        .as("received once: " + r)
                        .isTrue();
                Long previous = lastSeq.put(r.receiver() + "/" + r.channel(), r.seq());
                assertThat(previous == null || previous < r.seq())
                        .as("in order: " + r)
                        .isTrue();
            }
        }
        assertThat(receivedBy).hasSize(MEMBERS);
        receivedBy.values().forEach(ids -> assertThat(ids).containsExactlyInAnyOrderElementsOf(sent));
        Files.deleteIfExists(file);
    }

    @Test
    void aSocketThatIsRefusedFailsTheConnectNamingItsUser(StackDescription stack) throws Exception {
        Map<String, Integer> placement = Map.of("fine-user", 0, "forged-user", 1);
        Seeder.Seeded forging = user -> user.equals("forged-user")
                ? "not.a.jwt"
                : new io.chorus.harness.population.SeededUsers(stack.auth().hmacSecret()).tokenFor(user);
        Path file = Files.createTempFile("fleet-", ".ndjson");
        try (HistoryWriter history = new HistoryWriter(file);
                WebSocketFleet fleet = new WebSocketFleet(Duration.ofSeconds(20), 10)) {
            assertThatThrownBy(
                            () -> fleet.connect(stack, placement, forging, history, new RunClock(), new LiveCounters()))
                    .hasMessageContaining("1 of 2 sockets did not become ready")
                    .hasMessageContaining("forged-user");
        }
        assertThat(History.read(file).of(SessionOpen.class).map(SessionOpen::user))
                .containsExactly("fine-user");
        Files.deleteIfExists(file);
    }
}
