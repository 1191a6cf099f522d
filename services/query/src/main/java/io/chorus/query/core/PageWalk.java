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

    private PageWalk() {
    }

    /** What a walk reads of one owner (a channel's memberships, or a user's). */
    public interface Rows<T> {
        /** Every row of the owner, in any order. */
        List<T> all();

        /** The owner's rows in one bucket, in any order. */
        List<T> bucket(int bucket);
    }

    /**
     * @param items at most {@code limit} rows in page order
     * @param next  where the next page starts, or null when this page is the last
     */
    public record Page<T>(List<T> items, Cursor.Position next) {
    }

    public static <T> Page<T> page(Rows<T> rows, Function<T, String> id, Cursor.Position from, int limit) {
        boolean bucketed = from.isStart() ? isLarge(rows) : from.bucketed();
        Predicate<T> past = row -> from.isStart() || PageBuckets.ORDER.compare(id.apply(row), from.after()) > 0;
        List<T> found = new ArrayList<>(bucketed
                ? walkBuckets(rows, past, from, limit)
                : rows.all().stream().filter(past).toList());
        found.sort(Comparator.comparing(id, PageBuckets.ORDER));
        if (found.size() <= limit) {
            return new Page<>(List.copyOf(found), null);
        }
        List<T> items = List.copyOf(found.subList(0, limit));
        return new Page<>(items, new Cursor.Position(id.apply(items.get(limit - 1)), bucketed));
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
    private static <T> List<T> walkBuckets(Rows<T> rows, Predicate<T> past, Cursor.Position from, int limit) {
        List<T> found = new ArrayList<>();
        int first = from.isStart() ? 0 : PageBuckets.of(from.after());
        for (int b = first; b < PageBuckets.COUNT && found.size() <= limit; b++) {
            rows.bucket(b).stream().filter(past).forEach(found::add);
        }
        return found;
    }
}
