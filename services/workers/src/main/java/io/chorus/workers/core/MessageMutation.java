package io.chorus.workers.core;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * What one {@code MESSAGES} event does to the history table. Every mutation is idempotent on the primary key and
 * carries its write time, so a redelivered create never undoes a later edit: Cassandra keeps the cell with the
 * newest write time. A create or an edit is written at the event's {@code occurredAt}; a delete at
 * {@link #FINAL_WRITE_TIME}, above any event's, so no edit or create, however late, reordered or redelivered, ever
 * gives a deleted message its text back.
 */
public sealed interface MessageMutation {
    /** The write time of a delete, in microseconds: about the year 148,000, far above any event's time. */
    long FINAL_WRITE_TIME = 1L << 62;

    String channelId();

    LocalDate dayBucket();

    /** The Cassandra write time of this mutation, in microseconds since the epoch. */
    long writeTime();

    /** The partition a mutation lands in: batches are built per partition. */
    default String partitionKey() {
        return channelId() + "/" + dayBucket();
    }

    /** @param clientMsgId the sender's idempotency key of the send (null in events that lack it) */
    record Create(
            String channelId,
            LocalDate dayBucket,
            UUID messageId,
            String authorId,
            String text,
            Instant createdAt,
            long seq,
            String clientMsgId)
            implements MessageMutation {
        @Override
        public long writeTime() {
            return micros(createdAt);
        }
    }

    record Edit(String channelId, LocalDate dayBucket, UUID messageId, String text, Instant editedAt)
            implements MessageMutation {
        @Override
        public long writeTime() {
            return micros(editedAt);
        }
    }

    record Delete(String channelId, LocalDate dayBucket, UUID messageId, Instant deletedAt) implements MessageMutation {
        @Override
        public long writeTime() {
            return FINAL_WRITE_TIME;
        }
    }

    /**
     * A user's reaction added ({@code added}) or taken back. It lives in the {@code reactions} table, beside its
     * message's partition, written at the event's time: of an add and a remove of the same reaction, the later
     * event wins in whatever order they are applied, and a redelivery changes nothing. It does not need its
     * message: a reaction applied before the message is written waits in its row and shows once the message does.
     */
    record React(
            String channelId,
            LocalDate dayBucket,
            UUID messageId,
            String emoji,
            String userId,
            Instant occurredAt,
            boolean added)
            implements MessageMutation {
        @Override
        public long writeTime() {
            return micros(occurredAt);
        }

        /** Its own batches: a batch of one table's partition is applied at once, a mixed one is not. */
        @Override
        public String partitionKey() {
            return "reactions/" + channelId + "/" + dayBucket;
        }

        /** A reaction alone does not make its day a day with messages ({@code channel_days}). */
        @Override
        public boolean marksDay() {
            return false;
        }
    }

    /** Whether writing this mutation records its day in {@code channel_days}. */
    default boolean marksDay() {
        return true;
    }

    private static long micros(Instant time) {
        return time.getEpochSecond() * 1_000_000L + time.getNano() / 1_000;
    }
}
