package io.chorus.query.db;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import io.chorus.common.cassandra.MessagesSchema;
import io.chorus.common.events.UuidV7;
import io.chorus.query.api.HistoryMessage;
import io.chorus.query.api.HistoryPage;
import io.chorus.query.core.HistoryQuery;
import io.chorus.query.core.HistoryWalk;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;

/**
 * Reads history from Cassandra: walks the channel's non-empty day buckets ({@code channel_days}) from the cursor's
 * bucket towards the past (or the future, for {@code after}) and stops when the page is full or the channel's
 * first (last) bucket is done ({@link HistoryWalk}: rows that are no messages do not use up a page). The writer owns
 * the schema; until it has created it, every channel is empty.
 */
public class MessageHistory {
    private static final String COLUMNS =
            "message_id, channel_id, author_id, text, created_at, edited_at, deleted, seq, client_msg_id";
    private static final LocalDate FAR_PAST = LocalDate.of(1970, 1, 1);
    private static final LocalDate FAR_FUTURE = LocalDate.of(9999, 12, 31);
    /** Above every message id in Cassandra's order: the bound of a read with no {@code before}. */
    private static final UUID LAST_ID = new UUID(-1L, -1L);

    private final Supplier<CqlSession> sessions;
    private volatile Statements statements;

    public MessageHistory(Supplier<CqlSession> sessions) {
        this.sessions = sessions;
    }

    private record Statements(
            PreparedStatement daysDescending,
            PreparedStatement daysAscending,
            PreparedStatement olderThan,
            PreparedStatement olderBetween,
            PreparedStatement newerThan) {}

    public HistoryPage page(HistoryQuery query) {
        CqlSession session = sessions.get();
        Statements s = statements(session);
        if (s == null) {
            return new HistoryPage(List.of(), false);
        }
        LocalDate low = query.after().map(MessageHistory::bucket).orElse(FAR_PAST);
        LocalDate high = query.before().map(MessageHistory::bucket).orElse(FAR_FUTURE);
        PreparedStatement days = query.ascending() ? s.daysAscending() : s.daysDescending();
        ResultSet buckets = session.execute(days.bind(query.channelId(), low, high));
        Iterable<LocalDate> walk = () -> StreamSupport.stream(buckets.spliterator(), false)
                .map(day -> day.getLocalDate(0))
                .iterator();
        HistoryWalk.Page<HistoryMessage> page = HistoryWalk.page(
                query,
                walk,
                (bucket, before, after, ascending, limit) ->
                        rows(session, s, query.channelId(), bucket, before, after, ascending, limit));
        return new HistoryPage(page.messages(), page.hasMore());
    }

    private static List<HistoryWalk.Row<HistoryMessage>> rows(
            CqlSession session,
            Statements s,
            String channel,
            LocalDate bucket,
            Optional<UUID> before,
            Optional<UUID> after,
            boolean ascending,
            int limit) {
        BoundStatement read;
        if (ascending) {
            read = s.newerThan().bind(channel, bucket, after.orElseThrow(), limit);
        } else if (after.isPresent()) {
            read = s.olderBetween().bind(channel, bucket, before.orElse(LAST_ID), after.get(), limit);
        } else {
            read = s.olderThan().bind(channel, bucket, before.orElse(LAST_ID), limit);
        }
        List<HistoryWalk.Row<HistoryMessage>> rows = new ArrayList<>(limit);
        for (Row row : session.execute(read)) {
            // an edit or delete of a message the channel never had leaves a row without a creation: no message
            rows.add(new HistoryWalk.Row<>(
                    row.getUuid("message_id"), row.getInstant("created_at") == null ? null : message(row)));
        }
        return rows;
    }

    private static HistoryMessage message(Row row) {
        return new HistoryMessage(
                row.getUuid("message_id"),
                row.getString("channel_id"),
                row.getString("author_id"),
                row.getString("text"),
                row.getInstant("created_at"),
                row.getInstant("edited_at"),
                row.getBoolean("deleted"),
                row.isNull("seq") ? null : row.getLong("seq"),
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
