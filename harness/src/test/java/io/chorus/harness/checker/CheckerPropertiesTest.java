package io.chorus.harness.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.chorus.harness.history.Op;
import io.chorus.harness.history.Receipt;
import io.chorus.harness.history.Sample;
import io.chorus.harness.history.SendOk;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Property-based: a clean history always passes every invariant; injected loss (a receipt or a stored message
 * removed), a message stored twice (under one id, or one send under two ids), a duplicate receipt, and two receipts of one channel at one receiver swapped are always caught.
 */
class CheckerPropertiesTest {
    private static final Gen<Histories> CLEAN = longs().all()
            .zip(
                    integers().between(1, 6),
                    integers().between(1, 4),
                    integers().between(1, 40),
                    (seed, users, channels, messages) -> Histories.clean(seed, users, channels, messages));

    private static boolean allInvariantsHold(Histories h) {
        return new LossChecker(h.roster(), h.store()).check(h.history()).valid()
                && new DuplicateChecker().check(h.history()).valid()
                && new OrderChecker().check(h.history()).valid();
    }

    @Test
    void aCleanHistoryAlwaysPasses() {
        qt().withExamples(300).forAll(CLEAN).check(CheckerPropertiesTest::allInvariantsHold);
    }

    @Test
    void aLostDeliveryIsAlwaysCaught() {
        qt().withExamples(300)
                .forAll(CLEAN, integers().allPositive())
                .assuming((h, pick) -> !h.receiptIndexes().isEmpty())
                .check((h, pick) -> {
                    List<Op> ops = new ArrayList<>(h.history().ops());
                    List<Integer> receipts = h.receiptIndexes();
                    ops.remove((int) receipts.get(pick % receipts.size()));
                    LossChecker.Result r = new LossChecker(h.roster(), h.store())
                            .check(h.with(ops).history());
                    return !r.valid() && r.deliveriesMissing() == 1;
                });
    }

    /**
     * A sample taken after the fleet closed its sockets (the throughput scenario's JetStream baseline) is not
     * activity: the members stay online throughout, and a lost delivery is still caught (taken for activity, it
     * would make every socket count as closed mid-run and leave no delivery to check).
     */
    @Test
    void aSampleAfterTheEndOfRunStillChecksEveryDelivery() {
        qt().withExamples(200)
                .forAll(CLEAN, integers().allPositive())
                .assuming((h, pick) -> !h.receiptIndexes().isEmpty())
                .check((h, pick) -> {
                    List<Op> ops = new ArrayList<>(h.history().ops());
                    ops.add(new Sample(
                            "jetstream.publish_rate",
                            "nats bench",
                            30_000,
                            h.history().span()[1] + 60_000_000L));
                    List<Integer> receipts = h.receiptIndexes();
                    ops.remove((int) receipts.get(pick % receipts.size()));
                    LossChecker.Result r = new LossChecker(h.roster(), h.store())
                            .check(h.with(ops).history());
                    return r.deliveriesExpected() == receipts.size() && r.deliveriesMissing() == 1;
                });
    }

    @Test
    void aMessageMissingFromTheStoreIsAlwaysCaught() {
        qt().withExamples(300).forAll(CLEAN, integers().allPositive()).check((h, pick) -> {
            var stored = new ArrayList<>(h.store().messages());
            stored.remove(pick % stored.size());
            LossChecker.Result r = new LossChecker(h.roster(), new StoreListing(stored)).check(h.history());
            return !r.valid() && r.lost() == 1;
        });
    }

    @Test
    void aMessageStoredTwiceIsAlwaysCaught() {
        qt().withExamples(200).forAll(CLEAN, integers().allPositive()).check((h, pick) -> {
            var stored = new ArrayList<>(h.store().messages());
            var copy = stored.get(pick % stored.size());
            stored.add(new StoreListing.StoredMessage(copy.channel(), copy.messageId() + "-again", copy.clientMsgId()));
            return new LossChecker(h.roster(), new StoreListing(stored))
                            .check(h.history())
                            .storedTwice()
                    == 1;
        });
    }

    /** Issue 6: one send (one channel, one clientMsgId) stored under a second message id, whichever it is. */
    @Test
    void oneClientMsgIdStoredUnderTwoIdsIsAlwaysCaught() {
        qt().withExamples(300)
                .forAll(CLEAN, integers().allPositive(), longs().all())
                .check((h, pick, other) -> {
                    var stored = new ArrayList<>(h.store().messages());
                    var original = stored.get(pick % stored.size());
                    var second =
                            new StoreListing.StoredMessage(original.channel(), "x" + other, original.clientMsgId());
                    stored.add(Math.floorMod(other, stored.size() + 1), second);
                    LossChecker.Result r = new LossChecker(h.roster(), new StoreListing(stored)).check(h.history());
                    return !r.valid() && r.storedTwice() == 1 && r.lost() == 0;
                });
    }

    /** The same for a send whose 202 never came back (a timeout, a 503): stored twice is a duplicate all the same. */
    @Test
    void anUnansweredSendStoredUnderTwoIdsIsAlwaysCaught() {
        qt().withExamples(300).forAll(CLEAN, integers().allPositive()).check((h, pick) -> {
            var stored = new ArrayList<>(h.store().messages());
            var original = stored.get(pick % stored.size());
            stored.add(new StoreListing.StoredMessage(
                    original.channel(), original.messageId() + "-b", original.clientMsgId()));
            List<Op> ops = new ArrayList<>(h.history().ops());
            ops.removeIf(o -> o instanceof SendOk ok && ok.clientMsgId().equals(original.clientMsgId()));
            LossChecker.Result r = new LossChecker(h.roster(), new StoreListing(stored))
                    .check(h.with(ops).history());
            return !r.valid() && r.storedTwice() == 1;
        });
    }

    /** The same client message id in two channels is two sends (the command's key is channel:user:clientMsgId). */
    @Test
    void oneClientMsgIdInTwoChannelsIsNotADuplicate() {
        Histories h = Histories.clean(7, 3, 2, 10);
        var stored = new ArrayList<>(h.store().messages());
        var original = stored.get(0);
        stored.add(new StoreListing.StoredMessage(
                original.channel() + "-elsewhere", "m-elsewhere", original.clientMsgId()));
        assertThat(new LossChecker(h.roster(), new StoreListing(stored))
                        .check(h.history())
                        .storedTwice())
                .isZero();
    }

    /** Rows stored before the history kept clientMsgId list it as null: those are judged by message id alone. */
    @Test
    void aStoreWithoutClientMsgIdsStillPasses() {
        qt().withExamples(100).forAll(CLEAN).check(h -> {
            var stored = h.store().messages().stream()
                    .map(m -> new StoreListing.StoredMessage(m.channel(), m.messageId(), null))
                    .toList();
            return new LossChecker(h.roster(), new StoreListing(stored))
                    .check(h.history())
                    .valid();
        });
    }

    @Test
    void aDuplicateDeliveryIsAlwaysCaught() {
        qt().withExamples(300)
                .forAll(CLEAN, integers().allPositive(), integers().allPositive())
                .assuming((h, pick, at) -> !h.receiptIndexes().isEmpty())
                .check((h, pick, at) -> {
                    List<Op> ops = new ArrayList<>(h.history().ops());
                    List<Integer> receipts = h.receiptIndexes();
                    Op copy = ops.get(receipts.get(pick % receipts.size()));
                    ops.add(receipts.get(at % receipts.size()) + 1, copy);
                    return !new DuplicateChecker().check(h.with(ops).history()).valid();
                });
    }

    @Test
    void reorderedDeliveriesAreAlwaysCaught() {
        qt().withExamples(300)
                .forAll(CLEAN, integers().allPositive())
                .assuming((h, pick) -> !pairsOfOneChannelAtOneReceiver(h).isEmpty())
                .check((h, pick) -> {
                    List<int[]> pairs = pairsOfOneChannelAtOneReceiver(h);
                    int[] pair = pairs.get(pick % pairs.size());
                    List<Op> ops = new ArrayList<>(h.history().ops());
                    Op a = ops.get(pair[0]);
                    ops.set(pair[0], ops.get(pair[1]));
                    ops.set(pair[1], a);
                    return !new OrderChecker().check(h.with(ops).history()).valid();
                });
    }

    @Test
    void aReceiptAfterADisconnectIsNotOwed() {
        Histories h = Histories.clean(42, 3, 2, 20);
        List<Op> ops = new ArrayList<>(h.history().ops());
        Op firstOk = ops.stream().filter(o -> o instanceof SendOk).findFirst().orElseThrow();
        // u0 drops mid-run: messages sent after that are not owed to it, so removing them is not loss
        ops.add(
                ops.indexOf(firstOk) + 1,
                new io.chorus.harness.history.SessionClose("u0", "conn-u0", "dropped", firstOk.time()));
        ops.removeIf(o -> o instanceof Receipt r && r.receiver().equals("u0") && r.time() > firstOk.time() + 5_000);
        assertThat(new LossChecker(h.roster(), h.store())
                        .check(h.with(ops).history())
                        .deliveriesMissing())
                .isZero();
    }

    /** Index pairs of two receipts with different seqs of the same channel at the same receiver. */
    private static List<int[]> pairsOfOneChannelAtOneReceiver(Histories h) {
        List<Integer> receipts = h.receiptIndexes();
        var byKey = receipts.stream().collect(Collectors.groupingBy(i -> {
            Receipt r = (Receipt) h.history().ops().get(i);
            return r.receiver() + "/" + r.channel();
        }));
        List<int[]> pairs = new ArrayList<>();
        byKey.values().forEach(list -> {
            for (int i = 0; i + 1 < list.size(); i++) {
                pairs.add(new int[] {list.get(i), list.get(i + 1)});
            }
        });
        return pairs;
    }
}
