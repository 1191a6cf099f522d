package io.chorus.common.paging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PageBucketsTest {
    /** The writer and the readers are different JVMs: the bucket must be a fixed function of the id's bytes. */
    @Test
    void aBucketIsTheCrc32cOfTheIdModuloTheCount() {
        // CRC-32C("123456789") is 0xE3069283, the check value of the standard
        assertThat(PageBuckets.of("123456789")).isEqualTo((int) (0xE3069283L % PageBuckets.COUNT));
        assertThat(PageBuckets.of("u0")).isEqualTo(PageBuckets.of(new String("u0")));
    }

    @Test
    void aMembershipHasOneKeyPerSideFromTheOtherSidesId() {
        assertThat(PageBuckets.keys("general", "alice"))
                .containsExactly("c:general:" + PageBuckets.of("alice"), "u:alice:" + PageBuckets.of("general"));
    }

    /** A busy user's 100,000 channels spread evenly: no bucket is far from the mean of about 98. */
    @Test
    void idsSpreadEvenlyOverTheBuckets() {
        int[] counts = new int[PageBuckets.COUNT];
        IntStream.range(0, 100_000).forEach(i -> counts[PageBuckets.of("big-" + String.format("%07d", i))]++);
        assertThat(IntStream.of(counts).min().orElseThrow()).isGreaterThan(50);
        assertThat(IntStream.of(counts).max().orElseThrow()).isLessThan(150);
    }

    @Test
    void theOrderIsBucketThenId() {
        List<String> ids =
                new ArrayList<>(IntStream.range(0, 5_000).mapToObj(i -> "m" + i).toList());
        ids.sort(PageBuckets.ORDER);
        for (int i = 1; i < ids.size(); i++) {
            String a = ids.get(i - 1);
            String b = ids.get(i);
            assertThat(PageBuckets.of(a)).isLessThanOrEqualTo(PageBuckets.of(b));
            if (PageBuckets.of(a) == PageBuckets.of(b)) {
                assertThat(a).isLessThan(b);
            }
        }
    }
}
