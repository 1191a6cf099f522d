package io.chorus.harness.checker;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.chorus.harness.history.History;
import io.chorus.harness.history.Op;
import io.chorus.harness.history.Receipt;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Property-based, on clean histories where one member drops: a member that resynced and read the gap from history
 * has no gap; a message missing from both its reads and its live receipts is always caught, exactly once; a member
 * that never came back is measured (what it was owed, what it lacks) and never fails the invariant.
 */
class ResumePropertiesTest {
    private static final Gen<Histories> CLEAN = longs().all()
            .zip(
                    integers().between(1, 6),
                    integers().between(1, 4),
                    integers().between(3, 40),
                    (seed, users, channels, messages) -> Histories.clean(seed, users, channels, messages));

    private record Cut(String user, long drop, long back) {
        static Cut of(Histories h, int pick) {
            List<Long> acks = ResyncHistories.ackTimes(h);
            int users = h.roster().channelsByUser().size();
            int first = pick % (acks.size() - 1);
            int second = first + 1 + (pick / acks.size()) % (acks.size() - 1 - first);
            return new Cut("u" + (pick % users), acks.get(first), acks.get(second));
        }
    }

    private static boolean hasOwed(Histories h, int pick) {
        return !ResyncHistories.owedTo(h, Cut.of(h, pick).user()).isEmpty();
    }

    @Test
    void aResyncedMemberThatReadTheGapHasNone() {
        qt().withExamples(300)
                .forAll(CLEAN, integers().allPositive())
                .assuming(ResumePropertiesTest::hasOwed)
                .check((h, pick) -> {
                    Cut cut = Cut.of(h, pick);
                    ResumeChecker.Result r = new ResumeChecker(h.roster())
                            .check(new History(ResyncHistories.resynced(h, cut.user(), cut.drop(), cut.back())));
                    return r.valid()
                            && r.resumedMembers() == 1
                            && r.resyncs() == 1
                            && r.owed() == ResyncHistories.owedTo(h, cut.user()).size();
                });
    }

    @Test
    void aMessageNeitherReadNorReceivedIsAlwaysCaught() {
        qt().withExamples(300)
                .forAll(CLEAN, integers().allPositive())
                .assuming(ResumePropertiesTest::hasOwed)
                .check((h, pick) -> {
                    Cut cut = Cut.of(h, pick);
                    List<String> owed = ResyncHistories.owedTo(h, cut.user());
                    String lost = owed.get((pick / 7) % owed.size());
                    List<Op> ops = ResyncHistories.withoutAt(
                            ResyncHistories.resynced(h, cut.user(), cut.drop(), cut.back()), cut.user(), lost);
                    ResumeChecker.Result r = new ResumeChecker(h.roster()).check(new History(ops));
                    return !r.valid()
                            && r.gaps() == 1
                            && r.examples().get(0).messageId().equals(lost);
                });
    }

    @Test
    void aMemberThatNeverCameBackIsMeasuredNotBlamed() {
        qt().withExamples(300)
                .forAll(CLEAN, integers().allPositive())
                .assuming(ResumePropertiesTest::hasOwed)
                .check((h, pick) -> {
                    Cut cut = Cut.of(h, pick);
                    List<Op> ops = ResyncHistories.gone(h, cut.user(), cut.drop());
                    long lacking = h.history()
                            .of(Receipt.class)
                            .filter(x -> x.receiver().equals(cut.user()) && x.time() >= cut.drop())
                            .count();
                    ResumeChecker.Result r = new ResumeChecker(h.roster()).check(new History(ops));
                    return r.valid()
                            && r.goneMembers() == 1
                            && r.goneMissing() == lacking
                            && r.goneOwed()
                                    == ResyncHistories.owedTo(h, cut.user()).size()
                            && r.metrics().get("resume.gone_missing") == lacking;
                });
    }
}
