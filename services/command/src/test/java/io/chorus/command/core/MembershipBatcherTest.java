package io.chorus.command.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MembershipBatcherTest {
    /** Whatever the sequence, batches keep every membership once, in order, never mixing channels or roles. */
    @Test
    void batchesPreserveEveryMembershipInOrder() {
        qt().forAll(
                        lists().of(integers().between(0, 5)).ofSizeBetween(0, 3000),
                        integers().between(1, 1000))
                .checkAssert((channels, max) -> {
                    List<MembershipBatcher.Batch> batches = new ArrayList<>();
                    MembershipBatcher batcher = new MembershipBatcher(max, batches::add);
                    List<String> expected = new ArrayList<>();
                    for (int i = 0; i < channels.size(); i++) {
                        String role = channels.get(i) % 2 == 0 ? "member" : "admin";
                        batcher.add("c" + channels.get(i), role, "u" + i);
                        expected.add("c" + channels.get(i) + "/" + role + "/u" + i);
                    }
                    batcher.flush();
                    List<String> seen = new ArrayList<>();
                    for (MembershipBatcher.Batch batch : batches) {
                        assertThat(batch.userIds()).isNotEmpty().hasSizeLessThanOrEqualTo(max);
                        batch.userIds().forEach(u -> seen.add(batch.channelId() + "/" + batch.role() + "/" + u));
                    }
                    assertThat(seen).isEqualTo(expected);
                });
    }

    @Test
    void aMillionMembersOfOneChannelMakeOneThousandEvents() {
        int[] count = {0};
        MembershipBatcher batcher = new MembershipBatcher(1000, b -> count[0]++);
        for (int i = 0; i < 1_000_000; i++) {
            batcher.add("big", "member", "u" + i);
        }
        batcher.flush();
        assertThat(count[0]).isEqualTo(1000);
    }

    /** Two different batches with the same channel, role, ends and size must not share a deduplication key. */
    @Test
    void batchesThatDifferOnlyInTheMiddleHaveDifferentKeys() {
        qt().withExamples(200)
                .forAll(integers().between(3, 1_000), integers().between(1, 998))
                .check((size, pick) -> {
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < size; i++) {
                        ids.add("u" + i);
                    }
                    List<String> other = new ArrayList<>(ids);
                    int middle = 1 + pick % (size - 2);
                    other.set(middle, "x" + middle);
                    var a = new MembershipBatcher.Batch("c", "member", ids);
                    var b = new MembershipBatcher.Batch("c", "member", other);
                    var again = new MembershipBatcher.Batch("c", "member", new ArrayList<>(ids));
                    return !a.idempotencyKey().equals(b.idempotencyKey())
                            && a.idempotencyKey().equals(again.idempotencyKey());
                });
    }
}
