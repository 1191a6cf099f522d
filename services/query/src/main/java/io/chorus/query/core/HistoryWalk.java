package io.chorus.query.core;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One page of a channel's history, walked over its day buckets in the query's direction. A bucket can hold rows
 * that are no message: an edit or delete that named an id the channel never had (or that overtook its create)
 * leaves a row without a creation. Such rows take no place in the page, and they do not end the bucket either: a
 * bucket is read in chunks, each resuming after the last row of the one before, until the page is full or the bucket
 * has no more rows. So a page is full, or holds every message left.
 */
public final class HistoryWalk {
    /** A chunk read after rows that were no messages: large, so a bucket full of them costs few round trips. */
    static final int MIN_CHUNK = 100;

    private HistoryWalk() {}

    /** A stored row: its message id, and the message, or null when the row is no message. */
    public record Row<M>(UUID id, M message) {}

    /** Where the rows are. */
    public interface Rows<M> {
        /**
         * Up to {@code limit} rows of {@code bucket} strictly between the bounds (either may be absent), in the walk's
         * order: newest first, or oldest first when {@code ascending}.
         */
        List<Row<M>> read(LocalDate bucket, Optional<UUID> before, Optional<UUID> after, boolean ascending, int limit);
    }

    /** The page's messages, and whether more follow in the same direction. */
    public record Page<M>(List<M> messages, boolean hasMore) {}

    /** @param buckets the channel's non-empty buckets within the query's bounds, in the walk's order */
    public static <M> Page<M> page(HistoryQuery query, Iterable<LocalDate> buckets, Rows<M> rows) {
        int wanted = query.limit() + 1;
        List<M> found = new ArrayList<>(wanted);
        for (LocalDate bucket : buckets) {
            readBucket(query, bucket, rows, found, wanted);
            if (found.size() >= wanted) {
                break;
            }
        }
        boolean hasMore = found.size() > query.limit();
        return new Page<>(hasMore ? List.copyOf(found.subList(0, query.limit())) : found, hasMore);
    }

    private static <M> void readBucket(HistoryQuery query, LocalDate bucket, Rows<M> rows, List<M> found, int wanted) {
        Optional<UUID> before = query.before();
        Optional<UUID> after = query.after();
        int chunk = wanted - found.size();
        while (true) {
            List<Row<M>> read = rows.read(bucket, before, after, query.ascending(), chunk);
            for (Row<M> row : read) {
                if (row.message() != null) {
                    found.add(row.message());
                    if (found.size() == wanted) {
                        return;
                    }
                }
            }
            if (read.size() < chunk) {
                return;
            }
            UUID last = read.get(read.size() - 1).id();
            if (query.ascending()) {
                after = Optional.of(last);
            } else {
                before = Optional.of(last);
            }
            chunk = Math.max(wanted - found.size(), MIN_CHUNK);
        }
    }
}
