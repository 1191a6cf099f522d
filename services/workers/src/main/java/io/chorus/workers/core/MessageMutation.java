package io.chorus.workers.core;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * What one {@code MESSAGES} event does to the history table. Every mutation is idempotent on the primary key and
 * carries its write time (the event's {@code occurredAt}), so a redelivered create never undoes a later edit or
 * delete: Cassandra keeps the cell with the newest write time.
 */
public sealed interface MessageMutation {
    String channelId();

    LocalDate dayBucket();

    /** The partition a mutation lands in: batches are built per partition. */
    default String partitionKey() {
        return channelId() + "/" + dayBucket();
    }

    /** @param clientMsgId the sender's idempotency key of the send (null in events that lack it) */
    record Create(String channelId, LocalDate dayBucket, UUID messageId, String authorId, String text,
                  Instant createdAt, long seq, String clientMsgId) implements MessageMutation {
    }

    record Edit(String channelId, LocalDate dayBucket, UUID messageId, String text, Instant editedAt)
            implements MessageMutation {
    }

    record Delete(String channelId, LocalDate dayBucket, UUID messageId, Instant deletedAt) implements MessageMutation {
    }
}
