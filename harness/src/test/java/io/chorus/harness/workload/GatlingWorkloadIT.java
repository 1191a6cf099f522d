package io.chorus.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.common.auth.DevelopmentTokens;
import io.chorus.harness.checker.LatencyChecker;
import io.chorus.harness.checker.RateChecker;
import io.chorus.harness.client.ChorusClient;
import io.chorus.harness.client.HistoryPage;
import io.chorus.harness.client.HistoryQuery;
import io.chorus.harness.history.History;
import io.chorus.harness.history.HistoryWriter;
import io.chorus.harness.history.Op;
import io.chorus.harness.history.PhaseWindow;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.history.SendFail;
import io.chorus.harness.history.SendInfo;
import io.chorus.harness.history.SendInvoke;
import io.chorus.harness.history.SendOk;
import io.chorus.harness.population.PopulationPlan;
import io.chorus.harness.scenario.MembershipShape;
import io.chorus.harness.scenario.Phase;
import io.chorus.harness.scenario.Phase.MessageSize;
import io.chorus.harness.scenario.Phase.RateStep;
import io.chorus.harness.scenario.PopulationSpec;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Gatling workload against the real stack: every arrival sent once, answered once, and its 202 kept. */
@ExtendWith(LocalStackExtension.class)
class GatlingWorkloadIT {

    @Test
    void sendsEveryArrivalOfARampOnceAndEvery202IsStored(StackDescription stack) throws IOException {
        String group = "gw" + UUID.randomUUID().toString().substring(0, 8);
        MembershipShape rooms = new MembershipShape.RandomSpread(group, 4, 3, 6);
        PopulationPlan plan = new PopulationPlan(new PopulationSpec(40, List.of(rooms)), 11);
        TestPopulation.seed(stack, plan, rooms);
        Phase ramp = new Phase(
                "ramp",
                List.of(new RateStep(20, Duration.ofSeconds(10)), new RateStep(40, Duration.ofSeconds(10))),
                List.of(group),
                new MessageSize(10, 200));

        Path folder = runFolder("ramp");
        LiveCounters live = new LiveCounters();
        GatlingWorkload workload = new GatlingWorkload();
        try (HistoryWriter history = new HistoryWriter(folder.resolve(History.FILE))) {
            workload.reportInto(folder);
            workload.open(stack, plan, TestPopulation.tokens(stack), history, new RunClock());
            workload.run(ramp, live);
            workload.close();
        }
        History history = History.read(folder.resolve(History.FILE));

        // every arrival: exactly one invoke and exactly one completion, and here every completion is a 202
        List<SendInvoke> invokes = history.of(SendInvoke.class).toList();
        assertThat(invokes).hasSize(200 + 400);
        assertThat(invokes).extracting(SendInvoke::clientMsgId).doesNotHaveDuplicates();
        Map<String, Long> completions = history.ops().stream()
                .map(GatlingWorkloadIT::completed)
                .filter(id -> id != null)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(completions.keySet())
                .isEqualTo(invokes.stream().map(SendInvoke::clientMsgId).collect(Collectors.toSet()));
        assertThat(completions.values()).allMatch(n -> n == 1);
        // only valid sends by members: nothing the client could be blamed for (a loaded stack may still answer 503,
        // or not in time; those are the system's answers and stay in the history as such)
        assertThat(history.of(SendFail.class)).allMatch(f -> f.status() >= 500, "no 4xx");
        List<SendOk> oks = history.of(SendOk.class).toList();
        assertThat(oks).isNotEmpty().allMatch(ok -> ok.status() == 202 && ok.messageId() != null);
        assertThat(live.snapshot().sent()).isEqualTo(600);
        assertThat(live.snapshot().errors()).isEqualTo(600 - oks.size());

        // one window per step, back to back, and every send intended inside its step's window
        List<PhaseWindow> windows = history.of(PhaseWindow.class).toList();
        assertThat(windows).extracting(PhaseWindow::step).containsExactly(0, 1);
        assertThat(windows).extracting(PhaseWindow::rate).containsExactly(20.0, 40.0);
        assertThat(windows.get(0).end()).isEqualTo(windows.get(1).time());
        assertThat(windows.get(1).end() - windows.get(0).time()).isEqualTo(20_000_000);
        // the history is in invocation order, and under load a late arrival of step 0 is invoked after step 1 began
        List<SendInvoke> byIntended = invokes.stream()
                .sorted(java.util.Comparator.comparingLong(SendInvoke::intended))
                .toList();
        assertThat(byIntended.subList(0, 200))
                .allMatch(i -> i.intended() >= windows.get(0).time()
                        && i.intended() < windows.get(0).end());
        assertThat(byIntended.subList(200, 600))
                .allMatch(i -> i.intended() >= windows.get(1).time()
                        && i.intended() < windows.get(1).end());
        assertThat(invokes)
                .allMatch(i -> i.intended() >= windows.get(0).time()
                        && i.intended() < windows.get(1).end());
        assertThat(invokes).allMatch(i -> i.phase().equals("ramp") && i.size() >= 10 && i.size() <= 200);

        // the achieved/offered ratio, from the history alone
        RateChecker.Result rate = new RateChecker().check(history);
        assertThat(rate.offered()).isCloseTo(30.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(rate.metrics().get("rate.achieved_ratio"))
                .isCloseTo(oks.size() / 600.0, org.assertj.core.data.Offset.offset(1e-9));
        LatencyChecker.Result latency = new LatencyChecker().check(history);
        System.out.printf(
                "GatlingWorkloadIT: offered %.1f/s, achieved %.1f/s (%d of 600 accepted); send latency "
                        + "from the intended time p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; start lag p99 %.2f ms%n",
                rate.offered(),
                rate.achieved(),
                oks.size(),
                latency.send().p50(),
                latency.send().p95(),
                latency.send().p99(),
                latency.send().max(),
                lagP99Ms(invokes));

        // every 202's messageId is listed by the history endpoint of its channel
        Map<String, Set<String>> acked = new HashMap<>();
        Map<String, SendInvoke> byId = invokes.stream().collect(Collectors.toMap(SendInvoke::clientMsgId, i -> i));
        history.of(SendOk.class)
                .forEach(ok -> acked.computeIfAbsent(byId.get(ok.clientMsgId()).channel(), c -> new HashSet<>())
                        .add(ok.messageId()));
        DevelopmentTokens tokens = new DevelopmentTokens(stack.auth().hmacSecret());
        acked.forEach((channel, ids) -> {
            String reader = byId.values().stream()
                    .filter(i -> i.channel().equals(channel))
                    .findFirst()
                    .orElseThrow()
                    .sender();
            Set<String> listed = eventually(
                    Duration.ofSeconds(30),
                    () -> listMessages(stack, channel, tokens.issue(reader, false, Duration.ofMinutes(5))),
                    l -> l.containsAll(ids));
            assertThat(listed).containsAll(ids);
        });

        // Gatling wrote its own report, linked from the run folder's index
        assertThat(workload.artifacts()).containsEntry("gatling", "gatling/index.html");
        String index = Files.readString(folder.resolve("gatling/index.html"));
        String link = index.replaceAll("(?s).*href=\"([^\"]+)\".*", "$1");
        assertThat(folder.resolve("gatling").resolve(link)).isRegularFile();
        assertThat(Files.readString(folder.resolve("gatling").resolve(link))).contains("send");
    }

    @Test
    void aRefusedSendIsAFailWithItsStatusAndErrorCode(StackDescription stack) {
        // the plan names channels that were never created: the command API refuses every send
        String group = "gx" + UUID.randomUUID().toString().substring(0, 8);
        PopulationPlan plan = new PopulationPlan(
                new PopulationSpec(10, List.of(new MembershipShape.RandomSpread(group, 2, 2, 3))), 5);
        Phase phase = new Phase(
                "refused", List.of(new RateStep(5, Duration.ofSeconds(2))), List.of(group), new MessageSize(5, 5));
        Path folder = runFolder("refused");
        try (HistoryWriter history = new HistoryWriter(folder.resolve(History.FILE));
                GatlingWorkload workload = new GatlingWorkload()) {
            workload.reportInto(folder);
            workload.open(stack, plan, TestPopulation.tokens(stack), history, new RunClock());
            workload.run(phase, new LiveCounters());
        }
        History history = History.read(folder.resolve(History.FILE));
        assertThat(history.of(SendInvoke.class)).hasSize(10);
        List<SendFail> fails = history.of(SendFail.class).toList();
        assertThat(fails).hasSize(10);
        assertThat(fails).allSatisfy(f -> {
            assertThat(f.status()).isBetween(400, 499);
            assertThat(f.error()).doesNotStartWith("http-"); // the code from the JSON error body
        });
        assertThat(history.of(SendOk.class)).isEmpty();
        assertThat(folder.resolve("gatling/index.html")).isRegularFile();
    }

    private static String completed(Op op) {
        if (op instanceof SendOk ok) {
            return ok.clientMsgId();
        } else if (op instanceof SendFail fail) {
            return fail.clientMsgId();
        } else if (op instanceof SendInfo info) {
            return info.clientMsgId();
        }
        return null;
    }

    private static double lagP99Ms(List<SendInvoke> invokes) {
        long[] lags = invokes.stream()
                .mapToLong(i -> i.time() - i.intended())
                .sorted()
                .toArray();
        return lags[(int) Math.min(lags.length - 1, Math.ceil(lags.length * 0.99) - 1)] / 1000.0;
    }

    private static Path runFolder(String name) {
        try {
            return Files.createDirectories(Path.of("target", "gatling-it", name + "-" + System.currentTimeMillis()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Set<String> listMessages(StackDescription stack, String channel, String token) {
        Set<String> ids = new HashSet<>();
        ChorusClient client = ChorusClient.of(stack);
        String before = null;
        do {
            HistoryPage page = client.history(
                    token, channel, before == null ? HistoryQuery.newest(200) : HistoryQuery.before(before, 200));
            page.messages().forEach(m -> ids.add(m.id()));
            before = page.nextCursor();
        } while (before != null);
        return ids;
    }

    /** Polls until the value satisfies the condition, or fails after the deadline. */
    private static <T> T eventually(
            Duration deadline, java.util.function.Supplier<T> read, java.util.function.Predicate<T> condition) {
        Instant end = Instant.now().plus(deadline);
        T last = read.get();
        while (!condition.test(last)) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("condition not met within " + deadline + "; last value: " + last);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            last = read.get();
        }
        return last;
    }
}
