package io.chorus.query.db;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import io.chorus.common.cassandra.MessagesSchema;
import io.chorus.common.events.UuidV7;
import io.chorus.query.api.HistoryMessage;
import io.chorus.query.api.HistoryPage;
import io.chorus.query.core.HistoryQuery;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Reads history from Cassandra: walks the channel's non-empty day buckets ({@code channel_days}) from the cursor's
 * bucket towards the past (or the future, for {@code after}) and stops when the page is full or the channel's
 * first (last) bucket is done. The writer owns the schema; until it has created it, every channel is empty.
 */
public class MessageHistory {
    private static final String COLUMNS = "message_id, channel_id, author_id, text, created_at, edited_at, deleted, seq, client_msg_id";
    private static final LocalDate FAR_PAST = LocalDate.of(1970, 1, 1);
    private static final LocalDate FAR_FUTURE = LocalDate.of(9999, 12, 31);

    private final Supplier<CqlSession> sessions;
    private volatile Statements statements;

    public MessageHistory(Supplier<CqlSession> sessions) {
        this.sessions = sessions;
    }

    private record Statements(PreparedStatement daysDescending, PreparedStatement daysAscending,
                              PreparedStatement olderThan, PreparedStatement olderBetween,
                              PreparedStatement newerThan) {
    }

    public HistoryPage page(HistoryQuery query) {
        CqlSession session = sessions.get();
        Statements s = statements(session);
        if (s == null) {
            return new HistoryPage(List.of(), false);
        }
        LocalDate low = query.after().map(MessageHistory::bucket).orElse(FAR_PAST);
        LocalDate high = query.before().map(MessageHistory::bucket).orElse(FAR_FUTURE);
        List<HistoryMessage> found = new ArrayList<>();
        int wanted = query.limit() + 1;
        PreparedStatement days = query.ascending() ? s.daysAscending() : s.daysDescending();
        for (Row day : session.execute(days.bind(query.channelId(), low, high))) {
            LocalDate bucket = day.getLocalDate(0);
            for (Row row : session.execute(messagesIn(s, query, bucket, wanted - found.size()))) {
                if (row.getInstant("created_at") != null) { // an edit of a message never created is no message
                    found.add(message(row));
                }
            }
            if (found.size() >= wanted) {
                break;
            }
        }
        boolean hasMore = found.size() > query.limit();
        return new HistoryPage(hasMore ? found.subList(0, query.limit()) : found, hasMore);
    }

    private BoundStatement messagesIn(Statements s, HistoryQuery query, LocalDate bucket, int limit) {
        String channel = query.channelId();
        if (query.ascending()) {
            return s.newerThan().bind(channel, bucket, query.after().get(), limit);
        }
        UUID before = query.before().orElse(new UUID(-1L, -1L));
        if (query.after().isPresent()) {
            return s.olderBetween().bind(channel, bucket, before, query.after().get(), limit);
        }
        return s.olderThan().bind(channel, bucket, before, limit);
    }

    private static HistoryMessage message(Row row) {
        return new HistoryMessage(row.getUuid("message_id"), row.getString("channel_id"), row.getString("author_id"),
                row.getString("text"), row.getInstant("created_at"), row.getInstant("edited_at"),
                row.getBoolean("deleted"), row.isNull("seq") ? null : row.getLong("seq"),
                row.getString("client_msg_id"));
    }

    private static LocalDate bucket(UUID id) {
        return MessagesSchema.dayBucket(UuidV7.timestamp(id));
    }

    /** Prepared once the schema exists; null before. */
    private Statements statements(CqlSession session) {
        Statements s = statements;
        if (s != null) {
            return s;
        }
        try {
            String messages = MessagesSchema.KEYSPACE + ".messages";
            String days = MessagesSchema.KEYSPACE + ".channel_days";
            s = new Statements(
                    session.prepare("SELECT day_bucket FROM " + days
                            + " WHERE channel_id = ? AND day_bucket >= ? AND day_bucket <= ? ORDER BY day_bucket DESC"),
                    session.prepare("SELECT day_bucket FROM " + days
                            + " WHERE channel_id = ? AND day_bucket >= ? AND day_bucket <= ? ORDER BY day_bucket ASC"),
                    session.prepare("SELECT " + COLUMNS + " FROM " + messages
                            + " WHERE channel_id = ? AND day_bucket = ? AND message_id < ? LIMIT ?"),
                    session.prepare("SELECT " + COLUMNS + " FROM " + messages
                            + " WHERE channel_id = ? AND day_bucket = ? AND message_id < ? AND message_id > ? LIMIT ?"),
                    session.prepare("SELECT " + COLUMNS + " FROM " + messages
                            + " WHERE channel_id = ? AND day_bucket = ? AND message_id > ? "
                            + "ORDER BY message_id ASC LIMIT ?"));
            statements = s;
            return s;
        } catch (InvalidQueryException schemaNotThereYet) {
            return null;
        }
    }
}
