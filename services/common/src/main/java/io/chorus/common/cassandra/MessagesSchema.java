package io.chorus.common.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The history schema in keyspace {@code chorus}, created idempotently at start-up by the message writer (its
 * owner) and by the Query Service (so that it can answer before the first message is written).
 *
 * <p>{@code messages}: partition {@code (channel_id, day_bucket)} (UTC day of the message id's time), clustered by
 * {@code message_id} newest first. Message ids are UUIDv7; the column is {@code uuid}, not {@code timeuuid}:
 * {@code timeuuid} accepts only version 1, and Cassandra orders {@code uuid} values of equal version by their
 * bytes as unsigned numbers, which for version 7 is creation-time order (48-bit Unix milliseconds first). Ids
 * of the same millisecond order by their random bits.
 *
 * <p>{@code client_msg_id}: the sender's {@code clientMsgId} of a created message (decision 0038), so one send
 * stored under two message ids can be seen from the store; null for rows written before the column existed.
 *
 * <p>{@code channel_days}: the day buckets a channel has messages in, so history paging visits only non-empty
 * buckets and stops at the channel's first one.
 *
 * <p>{@code reactions}: one row per user, emoji and message, in the partition of the message's history
 * {@code (channel_id, day_bucket)}, so a history page reads the reactions of its messages with one range read per
 * day bucket. Written and deleted at the event's time, so the later of an add and a remove wins in any order.
 */
public final class MessagesSchema {
    public static final String KEYSPACE = "chorus";

    private MessagesSchema() {}

    public static void ensure(CqlSession session, int replicationFactor) {
        for (String cql : statements(replicationFactor)) {
            session.execute(com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance(cql)
                    .setTimeout(Duration.ofSeconds(30)));
        }
    }

    static List<String> statements(int replicationFactor) {
        return List.of(
                "CREATE KEYSPACE IF NOT EXISTS " + KEYSPACE + " WITH replication = "
                        + "{'class': 'SimpleStrategy', 'replication_factor': " + replicationFactor + "}",
                "CREATE TABLE IF NOT EXISTS " + KEYSPACE + ".messages ("
                        + "channel_id text, day_bucket date, message_id uuid, author_id text, text text, "
                        + "created_at timestamp, edited_at timestamp, deleted boolean, seq bigint, "
                        + "client_msg_id text, "
                        + "PRIMARY KEY ((channel_id, day_bucket), message_id)) "
                        + "WITH CLUSTERING ORDER BY (message_id DESC)",
                // a table created before client_msg_id existed (decision 0038) gains the column; a no-op after
                "ALTER TABLE " + KEYSPACE + ".messages ADD IF NOT EXISTS client_msg_id text",
                "CREATE TABLE IF NOT EXISTS " + KEYSPACE + ".channel_days ("
                        + "channel_id text, day_bucket date, PRIMARY KEY (channel_id, day_bucket)) "
                        + "WITH CLUSTERING ORDER BY (day_bucket DESC)",
                "CREATE TABLE IF NOT EXISTS " + KEYSPACE + ".reactions ("
                        + "channel_id text, day_bucket date, message_id uuid, emoji text, user_id text, "
                        + "PRIMARY KEY ((channel_id, day_bucket), message_id, emoji, user_id)) "
                        + "WITH CLUSTERING ORDER BY (message_id DESC, emoji ASC, user_id ASC)");
    }

    /** The day bucket of a message: the UTC day of its id's creation time. */
    public static LocalDate dayBucket(Instant messageTime) {
        return LocalDate.ofInstant(messageTime, ZoneOffset.UTC);
    }
}
