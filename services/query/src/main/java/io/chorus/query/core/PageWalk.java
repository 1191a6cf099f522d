package io.chorus.query.core;

import io.chorus.common.paging.PageBuckets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One page of a channel's members or of a user's channels, in {@link PageBuckets#ORDER} (decision 0081).
 *
 * <p>A small owner is read whole and sorted here: one read of its few rows beats a thousand bucket reads. A large
 * one is walked bucket by bucket from the cursor's, each bucket one equality read, until the page is full. Which
 * one an owner is gets decided on its first page, from how full a few sample buckets are, and travels in the cursor;
 * both walks give the same order, so a wrong guess costs time, never a gap or a repeat.
 */
public final class PageWalk {
    /** Buckets sampled on a first page; {@link #DENSE} rows among them mean about 2,000 rows or more in all. */
    static final int[] PROBES = {0, PageBuckets.COUNT / 4, PageBuckets.COUNT / 2, 3 * PageBuckets.COUNT / 4};

    static final int DENSE = 8;
    /**
     * The most rows a whole read takes, whatever the cursor says: an owner found larger is walked by buckets. A
     * small owner is at most a few thousand rows (see {@link #DENSE}); a bound keeps a channel that grew to a million
     * members after its first page, or any cursor, from pulling them all into memory.
     */
    static final int WHOLE_MAX = 4_096;

    private PageWalk() {}

    /** What a walk reads of one owner (a channel's memberships, or a user's). */
    public interface Rows<T> {
        /** The owner's rows, in any order: all of them, or {@code max} when it has more. */
        List<T> all(int max);

        /** The owner's rows in one bucket, in any order. */
        List<T> bucket(int bucket);
    }

    /**
     * @param items at most {@code limit} rows in page order
     * @param next  where the next page starts, or null when this page is the last
     */
    public record Page<T>(List<T> items, Cursor.Position next) {}

    public static <T> Page<T> page(Rows<T> rows, Function<T, String> id, Cursor.Position from, int limit) {
        boolean bucketed = from.isStart() ? isLarge(rows) : from.bucketed();
        // each row's bucket is hashed once (a bucket read already knows it), not at every comparison of the sort
        Placed<T> cursor = from.isStart() ? null : new Placed<>(PageBuckets.of(from.after()), from.after(), null);
        Predicate<Placed<T>> past = p -> cursor == null || Placed.ORDER.compare(p, cursor) > 0;
        List<Placed<T>> found = null;
        if (!bucketed) {
            List<T> whole = rows.all(WHOLE_MAX + 1);
            if (whole.size() <= WHOLE_MAX) {
                found = new ArrayList<>(whole.stream()
                        .map(row -> Placed.of(row, id.apply(row)))
                        .filter(past)
                        .toList());
            } else {
                bucketed = true; // it grew, or a first page guessed wrong: the same order, read by buckets
            }
        }
        if (bucketed) {
            found = walkBuckets(rows, id, past, cursor == null ? 0 : cursor.bucket(), limit);
        }
        found.sort(Placed.ORDER);
        List<T> items = found.stream().limit(limit).map(Placed::row).toList();
        if (found.size() <= limit) {
            return new Page<>(items, null);
        }
        return new Page<>(items, new Cursor.Position(found.get(limit - 1).id(), bucketed));
    }

    /** Whether to walk an owner by buckets: {@link #DENSE} rows or more in the sample buckets. */
    static <T> boolean isLarge(Rows<T> rows) {
        int sampled = 0;
        for (int i = 0; i < PROBES.length && sampled < DENSE; i++) {
            sampled += rows.bucket(PROBES[i]).size();
        }
        return sampled >= DENSE;
    }

    /** The rows past the cursor in the buckets from the cursor's on, until there are more than {@code limit}. */
    private static <T> List<Placed<T>> walkBuckets(
            Rows<T> rows, Function<T, String> id, Predicate<Placed<T>> past, int first, int limit) {
        List<Placed<T>> found = new ArrayList<>();
        for (int b = first; b < PageBuckets.COUNT && found.size() <= limit; b++) {
            int bucket = b;
            rows.bucket(b).stream()
                    .map(row -> new Placed<>(bucket, id.apply(row), row))
                    .filter(past)
                    .forEach(found::add);
        }
        return found;
    }

    /** A row with its place in {@link PageBuckets#ORDER}: bucket, then id. */
    private record Placed<T>(int bucket, String id, T row) {
        static final Comparator<Placed<?>> ORDER =
                Comparator.<Placed<?>>comparingInt(p -> p.bucket()).thenComparing(p -> p.id());

        static <T> Placed<T> of(T row, String id) {
            return new Placed<>(PageBuckets.of(id), id, row);
        }
    }
}
