package io.chorus.harness.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.harness.history.History;
import io.chorus.harness.history.HistoryRead;
import io.chorus.harness.history.Op;
import io.chorus.harness.history.Receipt;
import io.chorus.harness.history.SendInvoke;
import io.chorus.harness.history.SendOk;
import io.chorus.harness.history.SessionClose;
import io.chorus.harness.history.SessionOpen;
import io.chorus.harness.history.SessionResync;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResumeCheckerTest {
    private final Roster roster = new Roster(Map.of("reader", Set.of("ch"), "steady", Set.of("ch")));

    private static List<Op> history(boolean receiveTheGap) {
        List<Op> ops = new ArrayList<>();
        ops.add(new SessionOpen("reader", "c1", "notification-1", 0));
        ops.add(new SessionOpen("steady", "s1", "notification-2", 0));
        send(ops, "m1", 10);
        ops.add(new Receipt("reader", "c1", "notification-1", "ch", "msg-m1", 1, 12));
        ops.add(new SessionClose("reader", "c1", "instance died", 20));
        send(ops, "m2", 30); // sent while the reader was away
        ops.add(new SessionOpen("reader", "c2", "notification-2", 40));
        if (receiveTheGap) {
            ops.add(new Receipt("reader", "c2", "notification-2", "ch", "msg-m2", 2, 41)); // the resume replay
        }
        send(ops, "m3", 50);
        ops.add(new Receipt("reader", "c2", "notification-2", "ch", "msg-m3", 3, 52));
        return ops;
    }

    private static void send(List<Op> ops, String id, long t) {
        ops.add(new SendInvoke(id, "ch", "writer", "p", t, t, 5));
        ops.add(new SendOk(id, "msg-" + id, 202, t + 1));
    }

    @Test
    void aResumeThatReplaysTheGapHasNone() {
        ResumeChecker.Result r = new ResumeChecker(roster).check(new History(history(true)));
        assertThat(r.resumedMembers()).isEqualTo(1);
        assertThat(r.owed()).isEqualTo(3);
        assertThat(r.gaps()).isZero();
        assertThat(r.valid()).isTrue();
    }

    @Test
    void aMessageSentWhileTheMemberWasAwayAndNeverReplayedIsAGap() {
        ResumeChecker.Result r = new ResumeChecker(roster).check(new History(history(false)));
        assertThat(r.gaps()).isEqualTo(1);
        assertThat(r.examples()).containsExactly(new LossChecker.Missing("reader", "ch", "msg-m2"));
        assertThat(r.metrics()).containsEntry("resume.gaps", 1.0);
    }

    @Test
    void withoutADropThereIsNoFigure() {
        List<Op> ops = new ArrayList<>();
        ops.add(new SessionOpen("reader", "c1", "notification-1", 0));
        send(ops, "m1", 10);
        assertThat(new ResumeChecker(roster).check(new History(ops)).metrics()).isEmpty();
    }

    @Test
    void aResyncWaivesWhatWasMissedBeforeItButNotWhatFollows() {
        List<Op> ops = new ArrayList<>(history(false).subList(0, 9)); // m2 sent while away, the reader back on c2
        ops.add(new SessionResync("reader", "c2", "gap_too_large", 41));
        send(ops, "m3", 50); // after the resync: owed live, and never arrives
        ResumeChecker.Result r = new ResumeChecker(roster).check(new History(ops));
        assertThat(r.resyncs()).isEqualTo(1);
        assertThat(r.owed()).isEqualTo(1);
        assertThat(r.examples()).containsExactly(new LossChecker.Missing("reader", "ch", "msg-m3"));
        assertThat(r.metrics()).containsEntry("resume.resyncs", 1.0).containsEntry("resume.gaps", 1.0);
    }

    @Test
    void aMemberGoneForGoodIsNotOwedWhatWasSentAfterItsLastDrop() {
        List<Op> ops = history(true);
        ops.add(new SessionClose("reader", "c2", "instance died", 60));
        send(ops, "m4", 70); // the reader never came back: the recovery checker counts it, this one owes nothing
        ResumeChecker.Result r = new ResumeChecker(roster).check(new History(ops));
        assertThat(r.owed()).isEqualTo(3);
        assertThat(r.gaps()).isZero();
    }

    /** m2 was sent while the reader was away; it resynced on c2 and read the channel's history. */
    private static List<Op> resyncedAndRead(List<String> read) {
        List<Op> ops = new ArrayList<>(history(false).subList(0, 9));
        ops.add(new SessionResync("reader", "c2", "gap_too_large", 41));
        ops.add(new HistoryRead("reader", "ch", read, true, 42, 45));
        send(ops, "m3", 50);
        ops.add(new Receipt("reader", "c2", "notification-2", "ch", "msg-m3", 3, 52));
        return ops;
    }

    @Test
    void aResyncedMemberThatReadTheGapFromHistoryHasNone() {
        ResumeChecker.Result r = new ResumeChecker(roster).check(new History(resyncedAndRead(List.of("msg-m2"))));
        assertThat(r.owed()).isEqualTo(3);
        assertThat(r.gaps()).isZero();
        assertThat(r.fromHistory()).isEqualTo(1);
        assertThat(r.metrics()).containsEntry("resume.from_history", 1.0);
    }

    @Test
    void aMessageMissedBeforeTheResyncAndNotInTheReadIsAGap() {
        ResumeChecker.Result r = new ResumeChecker(roster).check(new History(resyncedAndRead(List.of())));
        assertThat(r.gaps()).isEqualTo(1);
        assertThat(r.examples()).containsExactly(new LossChecker.Missing("reader", "ch", "msg-m2"));
    }

    @Test
    void aMemberThatNeverCameBackIsMeasuredWithWhatItWasOwed() {
        List<Op> ops = new ArrayList<>(history(false).subList(0, 8)); // dropped at 20, m2 sent at 30, never back
        send(ops, "m3", 50);
        ResumeChecker.Result r = new ResumeChecker(roster).check(new History(ops));
        assertThat(r.valid()).isTrue();
        assertThat(r.metrics())
                .containsEntry("resume.gone_members", 1.0)
                .containsEntry("resume.gone_owed", 3.0)
                .containsEntry("resume.gone_missing", 2.0)
                .doesNotContainKey("resume.gaps");
    }
}
