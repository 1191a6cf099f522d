package io.chorus.harness.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chorus.harness.history.Addressed;
import io.chorus.harness.history.FaultWindow;
import io.chorus.harness.history.History;
import io.chorus.harness.history.Op;
import io.chorus.harness.history.PhaseWindow;
import io.chorus.harness.history.PushDevice;
import io.chorus.harness.history.PushGone;
import io.chorus.harness.history.PushReceived;
import io.chorus.harness.history.SendInvoke;
import io.chorus.harness.history.SendOk;
import io.chorus.harness.history.SessionClose;
import io.chorus.harness.history.SessionOpen;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Alice sends a direct message to Bob and mentions Carol and Dave; Bob and Carol are offline (Carol with two
 * devices), Dave is online, Erin is offline but not addressed. Each test breaks one thing of the clean history.
 */
class PushCheckerTest {
    private static final long T0 = 1_700_000_000_000_000L;
    private static final PushChecker CHECKER = new PushChecker(Duration.ofSeconds(10));

    private final List<Op> ops = new ArrayList<>();

    PushCheckerTest() {
        ops.add(new PushDevice("alice", "apns", "tA", T0));
        ops.add(new PushDevice("bob", "apns", "tB", T0));
        ops.add(new PushDevice("carol", "apns", "tC1", T0));
        ops.add(new PushDevice("carol", "fcm", "tC2", T0));
        ops.add(new PushDevice("dave", "apns", "tD", T0));
        ops.add(new PushDevice("erin", "fcm", "tE", T0));
        ops.add(new SessionOpen("dave", "conn-dave", "notification-1", T0));
        send("k1", "dm-alice-bob", "alice", T0 + 1_000_000, "m1", List.of("bob"));
        send("k2", "team", "alice", T0 + 2_000_000, "m2", List.of("carol", "dave", "alice"));
        push("apns", "tB", "m1", "dm-alice-bob", T0 + 1_100_000);
        push("apns", "tC1", "m2", "team", T0 + 2_200_000);
        push("fcm", "tC2", "m2", "team", T0 + 2_300_000);
        ops.add(new SessionClose("dave", "conn-dave", "end of run", T0 + 9_000_000));
    }

    private void send(String key, String channel, String sender, long intended, String messageId, List<String> to) {
        ops.add(new SendInvoke(key, channel, sender, "steady", intended, intended, 10));
        ops.add(new Addressed(key, to, intended));
        ops.add(new SendOk(key, messageId, 202, intended + 20_000));
    }

    private void push(String provider, String token, String messageId, String channel, long time) {
        ops.add(new PushReceived(provider, token, messageId, channel, time));
    }

    private PushChecker.Result check() {
        return CHECKER.check(new History(ops));
    }

    @Test
    void aCleanRunOwesThreeNotificationsAndGotEachOnce() {
        PushChecker.Result result = check();
        assertThat(result.owed()).isEqualTo(3);
        assertThat(result.delivered()).isEqualTo(3);
        assertThat(result.violations()).isZero();
        assertThat(result.invariant()).get().matches(Invariant::holds);
        assertThat(result.latency().count()).isEqualTo(2); // per message: its first notification
        assertThat(result.latency().max()).isCloseTo(200.0, within(0.5)); // HdrHistogram's bucket
        assertThat(result.latency().p50()).isCloseTo(100.0, within(0.5));
        assertThat(result.metrics()).containsEntry("push.lost", 0.0).containsKey("push.latency.p95");
    }

    @Test
    void aMissingNotificationIsLost() {
        ops.removeIf(op -> op instanceof PushReceived p && p.token().equals("tC2"));
        PushChecker.Result result = check();
        assertThat(result.lost()).isEqualTo(1);
        assertThat(result.examples())
                .containsExactly(new PushChecker.Violation(PushChecker.Problem.LOST, "m2", "carol", "tC2"));
        assertThat(result.invariant()).get().matches(i -> !i.holds());
    }

    @Test
    void aSecondNotificationForTheSameMessageAndDeviceIsADuplicateThoughItCollapses() {
        push("apns", "tB", "m1", "dm-alice-bob", T0 + 5_000_000);
        assertThat(check().duplicated()).isEqualTo(1);
        assertThat(check().lost()).isZero();
    }

    @Test
    void aLaterMessageOfTheSameChannelDoesNotStandInForAnEarlierOne() {
        send("k3", "dm-alice-bob", "alice", T0 + 3_000_000, "m3", List.of("bob"));
        ops.removeIf(op -> op instanceof PushReceived p && p.messageId().equals("m1"));
        push("apns", "tB", "m3", "dm-alice-bob", T0 + 3_100_000);
        PushChecker.Result result = check();
        assertThat(result.lost()).isEqualTo(1);
        assertThat(result.examples().get(0).messageId()).isEqualTo("m1");
    }

    @Test
    void notificationsToTheOnlineUserTheAuthorOrSomeoneNotAddressedAreViolations() {
        push("apns", "tD", "m2", "team", T0 + 2_400_000);
        push("apns", "tA", "m2", "team", T0 + 2_400_000);
        push("fcm", "tE", "m2", "team", T0 + 2_400_000);
        PushChecker.Result result = check();
        assertThat(result.toOnline()).isEqualTo(1);
        assertThat(result.toAuthor()).isEqualTo(1);
        assertThat(result.notOwed()).isEqualTo(1);
        assertThat(result.violations()).isEqualTo(3);
    }

    @Test
    void aUserWhoseSessionClosedBeforeTheSendIsOwedOne() {
        send("k4", "dm-alice-dave", "alice", T0 + 10_000_000, "m4", List.of("dave"));
        assertThat(check().lost()).isEqualTo(1);
        push("apns", "tD", "m4", "dm-alice-dave", T0 + 10_500_000);
        assertThat(check().violations()).isZero();
    }

    @Test
    void sendsIntendedInAFaultWindowOrItsSettlingAreLeftOutOfTheLatencyNotOutOfTheCount() {
        ops.add(new FaultWindow("down", "push-apns", T0 + 500_000, T0 + 1_500_000));
        push("apns", "tB", "m1", "dm-alice-bob", T0 + 60_000_000); // a duplicate, late
        PushChecker.Result result = check();
        assertThat(result.latency().count()).isEqualTo(0); // m1 in the window, m2 within 10 s after it
        assertThat(result.duplicated()).isEqualTo(1);
    }

    @Test
    void aDeviceItsProviderAnsweredGoneForIsOwedNothingFromThatMessageOnButStillOwedTheEarlierOnes() {
        // Bob's token stops being valid: m3 draws 410 Unregistered, the device is removed, m4 is not even tried
        send("k3", "dm-alice-bob", "alice", T0 + 3_000_000, "m3", List.of("bob"));
        ops.add(new PushGone("apns", "tB", "m3", T0 + 3_100_000));
        send("k4", "dm-alice-bob", "alice", T0 + 4_000_000, "m4", List.of("bob"));
        PushChecker.Result result = check();
        assertThat(result.lost()).isZero();
        assertThat(result.excused()).isEqualTo(2);
        assertThat(result.owed()).isEqualTo(3);
        assertThat(result.invariant()).get().matches(Invariant::holds);

        // an earlier message the device never got is still lost: the 410 came after it
        ops.removeIf(op -> op instanceof PushReceived p && p.messageId().equals("m1"));
        PushChecker.Result earlier = check();
        assertThat(earlier.lost()).isEqualTo(1);
        assertThat(earlier.examples())
                .containsExactly(new PushChecker.Violation(PushChecker.Problem.LOST, "m1", "bob", "tB"));
    }

    @Test
    void sendsIntendedInAWarmupPhaseCountForTheInvariantButNotTheLatency() {
        ops.add(new PhaseWindow("warmup", 0, 5, T0, T0 + 1_500_000));
        PushChecker.Result result =
                new PushChecker(Duration.ofSeconds(10), java.util.Set.of("warmup")).check(new History(ops));
        assertThat(result.owed()).isEqualTo(3);
        assertThat(result.latency().count())
                .as("m1 was intended in the warm-up")
                .isEqualTo(1);
        assertThat(CHECKER.check(new History(ops)).latency().count()).isEqualTo(2);
    }

    @Test
    void aRunWithoutDevicesHasNoPushCheck() {
        ops.removeIf(op -> op instanceof PushDevice);
        PushChecker.Result result = check();
        assertThat(result.invariant()).isEmpty();
        assertThat(result.measurements()).isEmpty();
    }
}
