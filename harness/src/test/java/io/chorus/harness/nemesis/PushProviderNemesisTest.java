package io.chorus.harness.nemesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.fakes.push.FakeProvider;
import io.chorus.fakes.push.ProviderFault;
import io.chorus.harness.Poll;
import io.chorus.harness.history.FaultWindow;
import io.chorus.harness.history.History;
import io.chorus.harness.history.HistoryWriter;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.push.FakePushProviders;
import io.chorus.harness.stack.StackDescription;
import io.chorus.harness.stack.StackShape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults on the fake push providers through the fault timeline, as a run applies them: each provider answers as its
 * fault says from its start to its heal and normally after, each window is in the history, and a fault on anything
 * else goes to the stack's nemesis. The senders' answers to each fault are {@code PushSendersTest}'s.
 */
class PushProviderNemesisTest {
    @TempDir
    Path dir;

    private final RunClock clock = new RunClock();
    private final List<String> passedOn = Collections.synchronizedList(new ArrayList<>());
    private final PrintStream out = new PrintStream(new ByteArrayOutputStream());

    private final Nemesis stackNemesis = new Nemesis() {
        @Override
        public void setup(StackDescription stack) {}

        @Override
        public long start(ScheduledFault fault) {
            passedOn.add("start " + fault.target());
            return clock.nowMicros();
        }

        @Override
        public FaultWindow heal(ScheduledFault fault) {
            passedOn.add("heal " + fault.target());
            return new FaultWindow(fault.describe(), fault.target(), clock.nowMicros(), clock.nowMicros());
        }

        @Override
        public void teardown() {}
    };

    private static ScheduledFault fault(int index, long atMillis, long untilMillis, FaultKind kind, String target) {
        return fault(index, atMillis, untilMillis, kind, target, Map.of());
    }

    private static ScheduledFault fault(
            int index, long atMillis, long untilMillis, FaultKind kind, String target, Map<String, String> p) {
        return new ScheduledFault(index, Duration.ofMillis(atMillis), Duration.ofMillis(untilMillis), kind, target, p);
    }

    private static FaultSchedule schedule(ScheduledFault... faults) {
        return FaultSchedule.of(
                List.of(faults),
                FaultTargets.of(StackShape.DEFAULT.withLinks(StackShape.PROXIED)),
                Duration.ofMinutes(1));
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void eachProviderAnswersAsItsFaultSaysUntilHealedAndEachWindowIsInTheHistory() throws Exception {
        FaultSchedule faults = schedule(
                fault(0, 0, 1_500, FaultKind.UNAVAILABLE, "push-fcm", Map.of("retryAfter", "2s")),
                fault(1, 0, 1_500, FaultKind.DOWN, "push-apns"),
                fault(2, 1_500, 6_000, FaultKind.THROTTLE, "push-fcm"),
                fault(3, 0, 500, FaultKind.KILL, "fanout-1"));
        Path file = dir.resolve("history.ndjson");
        long begun;
        try (FakePushProviders providers = FakePushProviders.start(n -> {});
                HistoryWriter history = new HistoryWriter(file)) {
            FakeProvider fcm = providers.target("push-fcm").orElseThrow();
            int apnsPort = URI.create(providers.listing().apns()).getPort();
            assertThat(listening(apnsPort)).isTrue();
            begun = clock.nowMicros();
            try (FaultTimeline timeline = FaultTimeline.start(
                    faults, null, d -> new PushProviderNemesis(providers, stackNemesis, clock), history, out)) {
                Poll.until(Duration.ofSeconds(5), () -> fcm.fault().kind(), k -> k == ProviderFault.Kind.UNAVAILABLE);
                assertThat(fcm.fault().retryAfter()).isEqualTo(Duration.ofSeconds(2));
                Poll.until(Duration.ofSeconds(5), () -> listening(apnsPort), up -> !up);
                Poll.until(Duration.ofSeconds(5), () -> fcm.fault().kind(), k -> k == ProviderFault.Kind.THROTTLED);
                assertThat(fcm.fault().retryAfter()).as("1 s unless given").isEqualTo(Duration.ofSeconds(1));
                Poll.until(Duration.ofSeconds(10), () -> listening(apnsPort), up -> up); // healed at 1.5 s
                Poll.until(Duration.ofSeconds(10), () -> fcm.fault().kind(), k -> k == ProviderFault.Kind.NONE);
            }
            history.flush();
        }
        List<FaultWindow> windows = History.read(file).of(FaultWindow.class).toList();
        assertThat(windows)
                .extracting(FaultWindow::target)
                .containsExactlyInAnyOrder("push-fcm", "push-apns", "push-fcm", "fanout-1");
        assertThat(windows).allSatisfy(w -> assertThat(w.end()).isGreaterThanOrEqualTo(w.time()));
        FaultWindow down = windows.stream()
                .filter(w -> w.target().equals("push-apns"))
                .findFirst()
                .orElseThrow();
        assertThat(down.end()).as("healed no earlier than scheduled").isGreaterThanOrEqualTo(begun + 1_500_000);
        assertThat(passedOn).containsExactly("start fanout-1", "heal fanout-1");
    }

    @Test
    void closingTheTimelineEarlyHealsTheProviders() throws Exception {
        try (FakePushProviders providers = FakePushProviders.start(n -> {});
                HistoryWriter history = new HistoryWriter(dir.resolve("h.ndjson"))) {
            FakeProvider fcm = providers.target("push-fcm").orElseThrow();
            try (FaultTimeline timeline = FaultTimeline.start(
                    schedule(fault(0, 0, 50_000, FaultKind.LATENCY, "push-fcm", Map.of("latency", "300ms"))),
                    null,
                    d -> new PushProviderNemesis(providers, stackNemesis, clock),
                    history,
                    out)) {
                Poll.until(Duration.ofSeconds(5), () -> fcm.fault().kind(), k -> k == ProviderFault.Kind.SLOW);
                assertThat(fcm.fault().delay()).isEqualTo(Duration.ofMillis(300));
            }
            assertThat(fcm.fault()).isEqualTo(ProviderFault.NONE);
        }
    }

    @Test
    void theScheduleRefusesProviderFaultsOnAnythingButAProviderAndFaultsAProviderCannotHave() {
        assertThatThrownBy(() -> schedule(fault(0, 0, 1_000, FaultKind.THROTTLE, "command")))
                .hasMessageContaining("expected a fake push provider");
        assertThatThrownBy(
                        () -> schedule(fault(0, 0, 1_000, FaultKind.LATENCY, "push-apns", Map.of("latency", "100ms"))))
                .hasMessageContaining("latency on push-fcm");
        assertThatThrownBy(() -> schedule(fault(0, 0, 1_000, FaultKind.KILL, "push-fcm")))
                .hasMessageContaining("a fake push provider takes");
        assertThatThrownBy(() -> schedule(
                        fault(0, 0, 1_000, FaultKind.DOWN, "push-fcm"),
                        fault(1, 500, 1_500, FaultKind.THROTTLE, "push-fcm")))
                .hasMessageContaining("overlaps");
    }
}
