package io.chorus.query.db;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import io.chorus.common.cassandra.MessagesSchema;
import io.chorus.common.events.UuidV7;
import io.chorus.query.api.HistoryMessage;
import io.chorus.query.api.HistoryPage;
import io.chorus.query.core.ReactionTally;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Reads the reactions of a history page's messages: one range read per day bucket the page spans (from its oldest
 * to its newest message of that bucket), so a page costs as many reads as it has buckets, whatever its size. A
 * read takes at most {@link #MAX_ROWS} rows (one per user, emoji and message): past that, the counts of the page's
 * oldest messages of the bucket are short. Until the writer has created the table, messages have no reactions.
 */
public class ReactionReads {
    static final int MAX_ROWS = 10_000;

    private final Supplier<CqlSession> sessions;
    private volatile PreparedStatement range;

    public ReactionReads(Supplier<CqlSession> sessions) {
        this.sessions = sessions;
    }

    /** The page with each message's reactions as {@code caller} sees them. */
    public HistoryPage withReactions(HistoryPage page, String caller) {
        if (page.messages().isEmpty()) {
            return page;
        }
        CqlSession session = sessions.get();
        PreparedStatement read = statement(session);
        if (read == null) {
            return page;
        }
        List<ReactionTally.Row> rows = new ArrayList<>();
        for (Map.Entry<LocalDate, List<UUID>> bucket : byBucket(page).entrySet()) {
            List<UUID> ids = bucket.getValue();
            UUID oldest = ids.stream().min(UUID::compareTo).orElseThrow();
            UUID newest = ids.stream().max(UUID::compareTo).orElseThrow();
            String channel = page.messages().get(0).channelId();
            for (Row row : session.execute(read.bind(channel, bucket.getKey(), oldest, newest, MAX_ROWS))) {
                rows.add(new ReactionTally.Row(row.getUuid(0), row.getString(1), row.getString(2)));
            }
        }
        return ReactionTally.attach(page, ReactionTally.tally(rows, caller));
    }

    /** The page's message ids per day bucket. Ids of one version compare as Cassandra orders them. */
    private static Map<LocalDate, List<UUID>> byBucket(HistoryPage page) {
        Map<LocalDate, List<UUID>> buckets = new TreeMap<>();
        for (HistoryMessage message : page.messages()) {
            LocalDate bucket = MessagesSchema.dayBucket(UuidV7.timestamp(message.id()));
            buckets.computeIfAbsent(bucket, b -> new ArrayList<>()).add(message.id());
        }
        return buckets;
    }

    private PreparedStatement statement(CqlSession session) {
        PreparedStatement s = range;
        if (s != null) {
            return s;
        }
        try {
            s = session.prepare("SELECT message_id, emoji, user_id FROM " + MessagesSchema.KEYSPACE + ".reactions"
                    + " WHERE channel_id = ? AND day_bucket = ? AND message_id >= ? AND message_id <= ? LIMIT ?");
            range = s;
            return s;
        } catch (InvalidQueryException tableNotThereYet) {
            return null;
        }
    }
}
