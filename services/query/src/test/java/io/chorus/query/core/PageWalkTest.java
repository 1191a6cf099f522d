package io.chorus.query.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.chorus.common.paging.CursorSigner;
import io.chorus.common.paging.PageBuckets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PageWalkTest {
    private static final CursorSigner SIGNER = new CursorSigner("a-page-cursor-key-of-32-bytes-or-more");

    /** An owner's rows held in memory, counting what a walk reads. */
    private static final class Owner implements PageWalk.Rows<String> {
        final List<String> ids;
        final Map<Integer, List<String>> buckets = new TreeMap<>();
        int wholeReads;
        int largestWholeRead;
        int bucketReads;

        Owner(int size) {
            ids = new ArrayList<>(
                    IntStream.range(0, size).mapToObj(i -> "u" + i).toList());
            Collections.shuffle(ids, new java.util.Random(size));
            ids.forEach(id -> buckets.computeIfAbsent(PageBuckets.of(id), b -> new ArrayList<>())
                    .add(id));
        }

        @Override
        public List<String> all(int max) {
            wholeReads++;
            List<String> read = ids.subList(0, Math.min(max, ids.size()));
            largestWholeRead = Math.max(largestWholeRead, read.size());
            return read;
        }

        @Override
        public List<String> bucket(int bucket) {
            bucketReads++;
            return buckets.getOrDefault(bucket, List.of());
        }

        /** Every page from the first, through their cursors (signed and opened, as a client passes them). */
        List<String> walk(int limit) {
            List<String> seen = new ArrayList<>();
            Cursor.Position from = Cursor.Position.START;
            do {
                PageWalk.Page<String> page = PageWalk.page(this, Function.identity(), from, limit);
                assertThat(page.items().size()).isLessThanOrEqualTo(limit);
                if (page.next() != null) {
                    assertThat(page.items()).hasSize(limit);
                }
                seen.addAll(page.items());
                from = page.next() == null
                        ? null
                        : Cursor.decode(Cursor.encode(page.next(), SIGNER, "members:c"), SIGNER, "members:c");
            } while (from != null);
            return seen;
        }
    }

    @Test
    void everyRowComesOnceInBucketOrderWhateverTheSizeAndLimit() {
        qt().withExamples(60)
                .forAll(integers().between(0, 6_000), integers().between(1, 1_000))
                .checkAssert((size, limit) -> {
                    Owner owner = new Owner(size);
                    List<String> expected = new ArrayList<>(owner.ids);
                    expected.sort(PageBuckets.ORDER);
                    assertThat(owner.walk(limit)).containsExactlyElementsOf(expected);
                });
    }

    @Test
    void aSmallOwnerIsReadWholeOncePerPage() {
        Owner owner = new Owner(120);
        assertThat(owner.walk(50)).hasSize(120);
        assertThat(owner.wholeReads).isEqualTo(3);
        // the first page samples at most the four probe buckets; later pages read no bucket
        assertThat(owner.bucketReads).isLessThanOrEqualTo(PageWalk.PROBES.length);
    }

    /** A user in 100,000 channels: no page reads them all, and a page of 100 reads one or two buckets. */
    @Test
    void aLargeOwnerIsWalkedBucketByBucket() {
        Owner owner = new Owner(100_000);
        PageWalk.Page<String> first = PageWalk.page(owner, Function.identity(), Cursor.Position.START, 100);
        assertThat(first.next().bucketed()).isTrue();
        int afterFirst = owner.bucketReads;
        assertThat(afterFirst).isLessThanOrEqualTo(3);
        PageWalk.Page<String> deep =
                PageWalk.page(owner, Function.identity(), new Cursor.Position(owner.ids.get(77_777), true), 100);
        assertThat(deep.items()).hasSize(100);
        assertThat(owner.bucketReads - afterFirst).isBetween(1, 3);
        assertThat(owner.wholeReads).isZero();
    }

    /**
     * A whole read takes at most {@link PageWalk#WHOLE_MAX} rows whatever the cursor says: an owner that is larger
     * (it grew after its first page, or the cursor said "whole" wrongly) is walked by buckets, in the same order.
     */
    @Test
    void aWholeReadIsBoundedWhateverTheCursorSays() {
        Owner owner = new Owner(100_000);
        List<String> expected = new ArrayList<>(owner.ids);
        expected.sort(PageBuckets.ORDER);
        PageWalk.Page<String> page =
                PageWalk.page(owner, Function.identity(), new Cursor.Position(expected.get(500), false), 100);
        assertThat(owner.largestWholeRead).isLessThanOrEqualTo(PageWalk.WHOLE_MAX + 1);
        assertThat(page.items()).containsExactlyElementsOf(expected.subList(501, 601));
        assertThat(page.next()).isEqualTo(new Cursor.Position(expected.get(600), true));
    }
}
