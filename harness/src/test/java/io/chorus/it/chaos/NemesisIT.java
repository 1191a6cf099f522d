package io.chorus.it.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.auth.DevelopmentTokens;
import io.chorus.harness.Poll;
import io.chorus.harness.client.ChorusClient;
import io.chorus.harness.client.RateLimitWait;
import io.chorus.harness.client.Response;
import io.chorus.harness.history.FaultWindow;
import io.chorus.harness.history.History;
import io.chorus.harness.history.HistoryWriter;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.nemesis.FaultKind;
import io.chorus.harness.nemesis.FaultSchedule;
import io.chorus.harness.nemesis.FaultTargets;
import io.chorus.harness.nemesis.FaultTimeline;
import io.chorus.harness.nemesis.ScheduledFault;
import io.chorus.harness.nemesis.StackNemesis;
import io.chorus.harness.stack.LocalStack;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each fault kind the nemesis applies really takes effect on the shared stack, and heals: the checks look at the
 * system (health endpoints, send answers, the NATS cluster), never at the nemesis's own word. Every test heals what
 * it broke (teardown after each), so the classes after it find the stack whole.
 */
@Order(40)
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NemesisIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private StackDescription stack;
    private ChorusClient client;
    private LocalStack local;
    private StackNemesis nemesis;
    private DevelopmentTokens tokens;
    private String channel;
    private int index;

    @BeforeAll
    void setUp(LocalStack local) {
        this.local = local;
        this.stack = local.description();
        this.client =
                ChorusClient.of(stack).withRateLimitWait(RateLimitWait.NONE).withTimeout(Duration.ofSeconds(30));
        this.tokens = new DevelopmentTokens(stack.auth().hmacSecret());
        this.nemesis = new StackNemesis(local, new RunClock());
        nemesis.setup(stack);
        channel = "chaos-" + UUID.randomUUID().toString().substring(0, 8);
        Answer created = post(
                "/v1/channels",
                "owner",
                "{\"channelId\":\"" + channel + "\",\"name\":\"chaos\"," + "\"kind\":\"private\",\"members\":[]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        eventually("the channel accepts its owner's messages", () -> send("warm-up"), a -> a.status() == 202);
    }

    @AfterEach
    void heal() {
        nemesis.teardown();
    }

    @Test
    void aPausedNotificationInstanceStopsAnsweringItsHealthCheckAndAnswersAgainWhenResumed() {
        ScheduledFault pause = fault(FaultKind.PAUSE, "notification-2", Map.of());
        nemesis.start(pause);
        assertThat(local.health("notification-2").healthy())
                .as("a frozen JVM cannot answer")
                .isFalse();
        FaultWindow window = nemesis.heal(pause);
        assertThat(local.health("notification-2").healthy()).isTrue();
        assertThat(window.end()).isGreaterThan(window.time());
        assertThat(window.target()).isEqualTo("notification-2");
    }

    @Test
    void aDownCommandToNatsLinkTurnsSendsInto503AndHealingBringsBack202() {
        ScheduledFault down = fault(FaultKind.DOWN, "command -> nats", Map.of());
        nemesis.start(down);
        Answer refused = send("during the outage");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
        assertThat(refused.json().path("error").path("code").asText()).isEqualTo("unavailable");
        nemesis.heal(down); // returns once the command service's health check (its NATS connection) is green
        Answer accepted = send("after the outage");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
    }

    @Test
    void aLatencyToxicOnCommandToNatsDelaysEachSendByAtLeastItsLatency() {
        Answer before = send("before the toxic");
        assertThat(before.status()).isEqualTo(202);
        ScheduledFault latency = fault(FaultKind.LATENCY, "command -> nats", Map.of("latency", "600ms"));
        nemesis.start(latency);
        // downstream latency holds the PubAck 600 ms: no 202 can come sooner (a lower bound, not a speed claim)
        Answer slow = send("under latency");
        assertThat(slow.status()).as(slow.toString()).isEqualTo(202);
        assertThat(slow.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        nemesis.heal(latency);
        Answer after = eventually(
                "sends are fast again",
                () -> send("after the toxic"),
                a -> a.status() == 202 && a.elapsed().compareTo(Duration.ofMillis(600)) < 0);
        assertThat(after.status()).isEqualTo(202);
    }

    @Test
    void killingOneNatsNodeOfThreeKeepsSendsAcknowledgedAndItRejoinsWhenRestarted() throws Exception {
        ScheduledFault kill = fault(FaultKind.KILL, "nats-3", Map.of());
        long pid = stack.pids().get("nats-3");
        nemesis.start(kill);
        assertThat(exited(pid)).as("SIGKILLed").isTrue();
        assertThat(local.health("nats-3").healthy()).isFalse();
        // R3 streams keep a quorum of two: every send still gets its PubAck (a client on the dead node reconnects)
        for (int i = 0; i < 10; i++) {
            int n = i;
            Answer answer = eventually(
                    "send " + n + " with nats-3 dead", () -> send("nats-3 dead " + n), a -> a.status() != 503);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
        }
        FaultWindow window = nemesis.heal(kill);
        assertThat(local.description().pids().get("nats-3")).isNotEqualTo(pid);
        // relaunch returned on a green check; a node that has just rejoined can still see a leader election or
        // catch its streams up (healthz not yet 200) a moment later, so a second look is given time, not taken once
        Poll.until(
                "nats-3 back in a meta cluster of 3 with a leader",
                Duration.ofSeconds(30),
                () -> local.health("nats-3").healthy());
        assertThat(send("nats-3 back").status()).isEqualTo(202);
        assertThat(window.fault()).isEqualTo("kill");
    }

    @Test
    void aRestartedEngineComesBackFromItsRecordedCommandLine() {
        ScheduledFault restart =
                new ScheduledFault(index++, Duration.ZERO, null, FaultKind.RESTART, "ferretdb", Map.of());
        long pid = stack.pids().get("ferretdb");
        nemesis.start(restart);
        assertThat(exited(pid)).isTrue();
        assertThat(local.health("ferretdb").healthy()).isFalse();
        nemesis.heal(restart);
        assertThat(local.description().pids().get("ferretdb")).isNotEqualTo(pid);
        assertThat(local.health("ferretdb").healthy())
                .as("MongoDB ping answers again")
                .isTrue();
    }

    @Test
    void aStoppedServiceIsGoneUntilHealedAndThenHealthyUnderANewPid() {
        ScheduledFault stop = fault(FaultKind.STOP, "push", Map.of());
        long pid = stack.pids().get("push");
        nemesis.start(stop);
        assertThat(exited(pid)).isTrue();
        assertThat(local.health("push").healthy()).isFalse();
        nemesis.heal(stop);
        assertThat(local.description().pids().get("push")).isNotEqualTo(pid);
        assertThat(local.health("push").healthy()).isTrue();
    }

    @Test
    void aTimeoutToxicHoldsThePubAckSoTheSendIsRefused503NeverAccepted() {
        ScheduledFault timeout = fault(FaultKind.TIMEOUT, "command -> nats", Map.of());
        nemesis.start(timeout);
        Answer held = send("into a link that swallows everything");
        assertThat(held.status()).as(held.toString()).isEqualTo(503);
        nemesis.heal(timeout);
        Answer accepted =
                eventually("sends are accepted again", () -> send("after the timeout toxic"), a -> a.status() == 202);
        assertThat(accepted.status()).isEqualTo(202);
    }

    @Test
    void theTimelineAppliesOverlappingFaultsOnScheduleAndWritesEachWindow() throws Exception {
        java.nio.file.Path file =
                java.nio.file.Files.createTempDirectory("timeline").resolve("history.ndjson");
        RunClock clock = new RunClock();
        FaultSchedule schedule = FaultSchedule.of(
                List.of(
                        new ScheduledFault(
                                0,
                                Duration.ZERO,
                                Duration.ofSeconds(6),
                                FaultKind.LATENCY,
                                "command -> nats",
                                Map.of("latency", "700ms")),
                        new ScheduledFault(
                                1,
                                Duration.ofSeconds(1),
                                Duration.ofSeconds(2),
                                FaultKind.PAUSE,
                                "notification-1",
                                Map.of())),
                FaultTargets.of(stack),
                Duration.ofSeconds(10));
        try (HistoryWriter history = new HistoryWriter(file)) {
            FaultTimeline timeline =
                    FaultTimeline.start(schedule, stack, d -> new StackNemesis(local, clock), history, System.out);
            // the timeline starts its faults on its own threads: poll until the toxic is seen in force
            Answer slow = eventually(
                    "a send held by the scheduled latency",
                    () -> send("under the timeline"),
                    a -> a.elapsed().compareTo(Duration.ofMillis(700)) >= 0);
            assertThat(slow.status()).isEqualTo(202);
            eventually(
                    "both faults healed",
                    () -> History.read(flushed(history, file))
                            .of(FaultWindow.class)
                            .count(),
                    n -> n == 2);
            timeline.close();
        }
        List<FaultWindow> windows = History.read(file).of(FaultWindow.class).toList();
        assertThat(windows).extracting(FaultWindow::target).containsExactly("notification-1", "command -> nats");
        assertThat(windows.get(1).end() - windows.get(1).time()).isGreaterThanOrEqualTo(5_000_000L);
        eventually(
                "the toxic is gone",
                () -> send("after the timeline"),
                a -> a.status() == 202 && a.elapsed().compareTo(Duration.ofMillis(700)) < 0);
    }

    private static java.nio.file.Path flushed(HistoryWriter history, java.nio.file.Path file) {
        history.flush();
        return file;
    }

    private ScheduledFault fault(FaultKind kind, String target, Map<String, String> parameters) {
        return new ScheduledFault(index++, Duration.ZERO, Duration.ofSeconds(1), kind, target, parameters);
    }

    private Answer send(String text) {
        return post(
                "/v1/channels/" + channel + "/messages",
                "owner",
                "{\"clientMsgId\":\"" + UUID.randomUUID() + "\",\"text\":\"" + text + "\"}");
    }

    record Answer(int status, JsonNode json, Duration elapsed, String body) {
        @Override
        public String toString() {
            return status + " after " + elapsed.toMillis() + " ms: " + body;
        }
    }

    /** A send through the harness's client, timed; a 429 is answered, not waited out, so the time is the send's. */
    private Answer post(String path, String user, String body) {
        try {
            long start = System.nanoTime();
            Response response = client.raw(
                    ChorusClient.Service.COMMAND, "POST", path, tokens.issue(user, false, Duration.ofHours(1)), body);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            JsonNode json = response.json() == null ? JSON.nullNode() : response.json();
            return new Answer(response.status(), json, elapsed, response.body());
        } catch (RuntimeException e) {
            throw new AssertionError("POST " + path + " failed: " + e, e);
        }
    }

    private static <T> T eventually(String what, Supplier<T> probe, Predicate<T> done) {
        Instant deadline = Instant.now().plus(WAIT);
        T last = probe.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + WAIT + ": " + what + "; last: " + last);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = probe.get();
        }
        return last;
    }

    /**
     * Whether the process is gone. The stack's processes are this JVM's children: one that has died stays a zombie
     * (alive to {@link ProcessHandle#isAlive}) until the JDK's reaper collects it a moment later, so wait for that.
     */
    private static boolean exited(long pid) {
        return ProcessHandle.of(pid)
                .map(h -> {
                    try {
                        h.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
                        return true;
                    } catch (java.util.concurrent.TimeoutException e) {
                        return false;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .orElse(true);
    }
}
