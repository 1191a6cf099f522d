package io.chorus.workers.db;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.chorus.common.cassandra.MessagesSchema;
import io.chorus.workers.core.MessageMutation;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Writes history mutations to Cassandra: one unlogged batch per partition (a batch within one partition is
 * applied atomically and costs one round trip), each statement with the event's own write time.
 */
public class MessageStore {
    private final CqlSession session;
    private final PreparedStatement create;
    private final PreparedStatement edit;
    private final PreparedStatement delete;
    private final PreparedStatement day;
    private final PreparedStatement react;
    private final PreparedStatement unreact;

    public MessageStore(CqlSession session, int replicationFactor) {
        this.session = session;
        MessagesSchema.ensure(session, replicationFactor);
        String table = MessagesSchema.KEYSPACE + ".messages";
        create = session.prepare("INSERT INTO " + table + " (channel_id, day_bucket, message_id, author_id, text, "
                + "created_at, seq, client_msg_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?");
        edit = session.prepare("UPDATE " + table + " USING TIMESTAMP ? SET text = ?, edited_at = ? "
                + "WHERE channel_id = ? AND day_bucket = ? AND message_id = ?");
        // at the final write time (MessageMutation): no later edit or create can set these cells again
        delete = session.prepare(
                "UPDATE " + table + " USING TIMESTAMP ? SET text = null, edited_at = null, deleted = true "
                        + "WHERE channel_id = ? AND day_bucket = ? AND message_id = ?");
        String reactions = MessagesSchema.KEYSPACE + ".reactions";
        react = session.prepare("INSERT INTO " + reactions + " (channel_id, day_bucket, message_id, emoji, user_id) "
                + "VALUES (?, ?, ?, ?, ?) USING TIMESTAMP ?");
        unreact = session.prepare("DELETE FROM " + reactions + " USING TIMESTAMP ? "
                + "WHERE channel_id = ? AND day_bucket = ? AND message_id = ? AND emoji = ? AND user_id = ?");
        day = session.prepare(
                "INSERT INTO " + MessagesSchema.KEYSPACE + ".channel_days (channel_id, day_bucket) " + "VALUES (?, ?)");
    }

    /** Writes the mutations of one partition; completes when Cassandra has them. */
    public CompletionStage<Void> writePartition(List<MessageMutation> mutations) {
        MessageMutation first = mutations.get(0);
        BatchStatementBuilder batch = BatchStatement.builder(BatchType.UNLOGGED);
        for (MessageMutation mutation : mutations) {
            batch.addStatement(bind(mutation));
        }
        CompletionStage<AsyncResultSet> rows = session.executeAsync(batch.build());
        if (!first.marksDay()) {
            return rows.thenApply(done -> null);
        }
        CompletionStage<AsyncResultSet> dayRow = session.executeAsync(day.bind(first.channelId(), first.dayBucket()));
        return CompletableFuture.allOf(rows.toCompletableFuture(), dayRow.toCompletableFuture());
    }

    private BoundStatement bind(MessageMutation mutation) {
        if (mutation instanceof MessageMutation.Create c) {
            return create.bind(
                    c.channelId(),
                    c.dayBucket(),
                    c.messageId(),
                    c.authorId(),
                    c.text(),
                    c.createdAt(),
                    c.seq(),
                    c.clientMsgId(),
                    c.writeTime());
        }
        if (mutation instanceof MessageMutation.Edit e) {
            return edit.bind(e.writeTime(), e.text(), e.editedAt(), e.channelId(), e.dayBucket(), e.messageId());
        }
        if (mutation instanceof MessageMutation.React r) {
            return r.added()
                    ? react.bind(r.channelId(), r.dayBucket(), r.messageId(), r.emoji(), r.userId(), r.writeTime())
                    : unreact.bind(r.writeTime(), r.channelId(), r.dayBucket(), r.messageId(), r.emoji(), r.userId());
        }
        MessageMutation.Delete d = (MessageMutation.Delete) mutation;
        return delete.bind(d.writeTime(), d.channelId(), d.dayBucket(), d.messageId());
    }
}
