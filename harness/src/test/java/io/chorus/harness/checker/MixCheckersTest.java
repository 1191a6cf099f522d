package io.chorus.harness.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.harness.history.History;
import io.chorus.harness.history.MembershipFrame;
import io.chorus.harness.history.Op;
import io.chorus.harness.history.OperationFail;
import io.chorus.harness.history.OperationInvoke;
import io.chorus.harness.history.OperationOk;
import io.chorus.harness.history.ReactionsSeen;
import io.chorus.harness.history.Receipt;
import io.chorus.harness.history.SendInvoke;
import io.chorus.harness.history.SendOk;
import io.chorus.harness.history.SessionClose;
import io.chorus.harness.history.SessionOpen;
import io.chorus.harness.history.UnreadSeen;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checkers of a phase's mix: per-operation latency, and one test per invariant that breaks it. */
class MixCheckersTest {
    private static final long T0 = 1_700_000_000_000_000L;
    private static final long SECOND = 1_000_000;
    // UUIDv7-shaped ids whose strings order as their times
    private static final String M1 = "018c0000-0000-7000-8000-000000000001";
    private static final String M2 = "018c0000-0000-7000-8000-000000000002";
    private static final String M3 = "018c0000-0000-7000-8000-000000000003";
    private static final String M4 = "018c0000-0000-7000-8000-000000000004";

    private final List<Op> ops = new ArrayList<>();
    private int serial;

    private String op(String op, String user, String channel, String target, String phase, long at, long answered) {
        String id = "op" + ++serial;
        ops.add(new OperationInvoke(id, op, user, channel, target, phase, at, at));
        ops.add(new OperationOk(id, answered));
        return id;
    }

    private void send(String key, String channel, String sender, String messageId, long at) {
        ops.add(new SendInvoke(key, channel, sender, "day", at, at, 10));
        ops.add(new SendOk(key, messageId, 202, at + 1_000));
    }

    private History history() {
        return new History(List.copyOf(ops));
    }

    @Test
    void eachOperationHasItsOwnLatencyCountAndFailuresOutsideWarmUp() {
        op("history", "u1", "c1", null, "day", T0, T0 + 20_000);
        op("history", "u1", "c1", null, "day", T0, T0 + 40_000);
        op("history", "u1", "c1", null, "warm", T0, T0 + 5 * SECOND); // warm-up: not in the latency
        op("react", "u1", "c1", M1 + "/tada", "day", T0, T0 + 10_000);
        ops.add(new OperationInvoke("f1", "react", "u1", "c1", M2 + "/tada", "day", T0, T0));
        ops.add(new OperationFail("f1", 403, "not_a_member", T0 + 3_000));
        op("churn", "u2", null, null, "day", T0, T0);

        OperationChecker.Result r = new OperationChecker(Set.of("warm")).check(history());

        assertThat(r.metrics())
                .containsEntry("op.history.count", 3.0)
                .containsEntry("op.history.failed", 0.0)
                .containsEntry("op.react.count", 2.0)
                .containsEntry("op.react.failed", 1.0)
                .containsEntry("op.churn.count", 1.0)
                .doesNotContainKey("op.edit.count");
        assertThat(r.metrics().get("op.react.p95")).isBetween(9.9, 10.1);
        assertThat(r.metrics().get("op.history.p95")).isBetween(39.9, 40.1);
        assertThat(r.metrics().get("op.history.max")).isBetween(39.9, 40.1);
        assertThat(r.metrics().keySet()).allMatch(name -> Metric.find(name).isPresent());
    }

    @Test
    void aReactionHistoryDoesNotShowBreaksTheReactionInvariant() {
        op("react", "u1", "c1", M1 + "/tada", "day", T0, T0 + 1_000);
        op("react", "u1", "c1", M2 + "/eyes", "day", T0, T0 + 1_000);
        op("react", "u1", "c1", M3 + "/eyes", "day", T0, T0 + 1_000);
        op("delete", "u2", "c1", M3, "day", T0 + SECOND, T0 + SECOND); // a deleted message shows no reactions
        ops.add(new ReactionsSeen("u1", "c1", M1, true, List.of("tada"), T0 + 60 * SECOND));
        ops.add(new ReactionsSeen("u1", "c1", M3, true, List.of(), T0 + 60 * SECOND));
        assertThat(new ReactionChecker().check(history()).valid()).isTrue();

        ops.add(new ReactionsSeen("u1", "c1", M2, true, List.of("tada"), T0 + 60 * SECOND));
        ReactionChecker.Result r = new ReactionChecker().check(history());

        assertThat(r.valid()).isFalse();
        assertThat(r.missing()).isEqualTo(1);
        assertThat(r.verified()).isEqualTo(1);
        assertThat(r.examples()).singleElement().asString().contains("eyes", M2);
        assertThat(r.metrics()).containsEntry("reactions.missing", 1.0);
    }

    @Test
    void anEventAfterChannelRemovedOnTheSameSocketBreaksRemoval() {
        leaveWithSocket();
        assertThat(new RemovalChecker().check(history()).valid()).isTrue();

        ops.add(new Receipt("u1", "conn1", "n1", "c9", "late", 9, T0 + 4 * SECOND));
        RemovalChecker.Result r = new RemovalChecker().check(history());

        assertThat(r.valid()).isFalse();
        assertThat(r.examples()).singleElement().asString().contains("after channel_removed");
    }

    @Test
    void aSocketNeverToldOfItsLeaveBreaksRemoval() {
        ops.add(new SessionOpen("u1", "conn1", "n1", T0, T0));
        op("leave", "u1", "c9", "u1", "day", T0 + SECOND, T0 + 2 * SECOND);
        ops.add(new SessionClose("u1", "conn1", "end of run", T0 + 100 * SECOND));

        RemovalChecker.Result r = new RemovalChecker().check(history());

        assertThat(r.valid()).isFalse();
        assertThat(r.examples()).singleElement().asString().contains("never told");
    }

    @Test
    void aSocketOpenedLongAfterTheLeaveThatGetsTheChannelsEventsBreaksRemoval() {
        leaveWithSocket();
        ops.add(new SessionOpen("u1", "conn2", "n2", T0 + 60 * SECOND, T0 + 59 * SECOND));
        ops.add(new Receipt("u1", "conn2", "n2", "c9", "late", 12, T0 + 61 * SECOND));

        RemovalChecker.Result r = new RemovalChecker().check(history());

        assertThat(r.valid()).isFalse();
        assertThat(r.examples()).singleElement().asString().contains("opened after leaving");
    }

    /** u1 joins c9 on conn1, gets an event of it, leaves and is told; the socket lives on. */
    private void leaveWithSocket() {
        ops.add(new SessionOpen("u1", "conn1", "n1", T0, T0));
        op("join", "u0", "c9", "u1", "day", T0 + 100, T0 + 200);
        ops.add(new MembershipFrame("u1", "conn1", "c9", true, T0 + 300));
        ops.add(new Receipt("u1", "conn1", "n1", "c9", "e1", 5, T0 + 400));
        op("leave", "u1", "c9", "u1", "day", T0 + SECOND, T0 + 2 * SECOND);
        ops.add(new MembershipFrame("u1", "conn1", "c9", false, T0 + 3 * SECOND));
        ops.add(new SessionClose("u1", "conn1", "end of run", T0 + 100 * SECOND));
    }

    @Test
    void anUnreadCountThatDiffersFromTheHistoryBreaksUnread() {
        unreadDay();
        ops.add(new UnreadSeen("u1", "c1", M2, 1, false, T0 + 60 * SECOND));
        assertThat(new UnreadChecker().check(history()).valid()).isTrue();

        ops.remove(ops.size() - 1);
        ops.add(new UnreadSeen("u1", "c1", M2, 2, false, T0 + 60 * SECOND)); // counts the deleted M4
        UnreadChecker.Result r = new UnreadChecker().check(history());

        assertThat(r.valid()).isFalse();
        assertThat(r.examples()).singleElement().asString().contains("listed unread 2", "history gives 1");
    }

    @Test
    void aListedMarkOtherThanTheLatestMarkMadeBreaksUnread() {
        unreadDay();
        ops.add(new UnreadSeen("u1", "c1", M1, 1, false, T0 + 60 * SECOND));

        UnreadChecker.Result r = new UnreadChecker().check(history());

        assertThat(r.valid()).isFalse();
        assertThat(r.examples()).singleElement().asString().contains("latest mark made " + M2);
    }

    /** c1 holds M1..M4 (M3 by u1 itself, M4 deleted); u1 marked M2 then, later, the older M1. */
    private void unreadDay() {
        send("k1", "c1", "u2", M1, T0);
        send("k2", "c1", "u2", M2, T0 + 1);
        send("k3", "c1", "u1", M3, T0 + 2);
        send("k4", "c1", "u2", M4, T0 + 3);
        send("k5", "c1", "u2", "018c0000-0000-7000-8000-000000000005", T0 + 4);
        op("read", "u1", "c1", M2, "day", T0 + SECOND, T0 + SECOND);
        op("read", "u1", "c1", M1, "day", T0 + 2 * SECOND, T0 + 2 * SECOND); // older: $max keeps M2
        op("delete", "u2", "c1", M4, "day", T0 + 3 * SECOND, T0 + 3 * SECOND);
    }
}
