package io.chorus.common.paging;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Where a membership sits in two page orders: its channel's members and its user's channels (decision 0081).
 *
 * <p>FerretDB sends only top-level equalities to PostgreSQL (decision 0014), so a keyset page "after X" read every
 * membership of its channel or user: 4-7 s a page for a user in 100,000 channels. Instead each id falls in one of
 * {@value #COUNT} buckets (a hash of the id), a membership carries one bucket key per side, and pages run in
 * {@link #ORDER}: bucket, then id. A page of a large channel or user is then a few equality reads of one bucket
 * each; the order is stable across pages and the same on MongoDB and FerretDB, but it is not alphabetical.
 */
public final class PageBuckets {
    /** Buckets per channel and per user: a million members are about 1,000 a bucket, 100,000 channels about 100. */
    public static final int COUNT = 1024;
    /** The membership field holding its two bucket keys (one indexed array: one index, not two). */
    public static final String FIELD = "pageBuckets";

    /** Ids of pages walk in bucket order, then by id within a bucket. */
    public static final Comparator<String> ORDER =
            Comparator.comparingInt(PageBuckets::of).thenComparing(Comparator.naturalOrder());

    private PageBuckets() {}

    /** The bucket of an id: CRC-32C of its UTF-8 bytes, the same in every JVM and service. */
    public static int of(String id) {
        CRC32C crc = new CRC32C();
        crc.update(id.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % COUNT);
    }

    /** The key of one bucket of a channel's members. */
    public static String ofChannel(String channelId, int bucket) {
        return "c:" + channelId + ":" + bucket;
    }

    /** The key of one bucket of a user's channels. */
    public static String ofUser(String userId, int bucket) {
        return "u:" + userId + ":" + bucket;
    }

    /** A membership's keys: its place among its channel's members and among its user's channels. */
    public static List<String> keys(String channelId, String userId) {
        return List.of(ofChannel(channelId, of(userId)), ofUser(userId, of(channelId)));
    }
}
