package io.chorus.query.core;

import io.chorus.common.events.Mentions;
import io.chorus.query.api.HistoryMessage;
import io.chorus.query.api.HistoryPage;
import io.chorus.query.api.Views;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The unread and mention counts of a page of the caller's channels (decision 0251), read from history when the page
 * is asked for, never at connect. Each channel costs one history read of at most {@link #MAX_MESSAGES} messages
 * after its read mark (after the caller joined, before a first mark), and only the first {@link #MAX_CHANNELS}
 * channels of a page are counted: a page's cost is bounded whatever the caller's history and page size.
 */
public final class UnreadCounts {
    /** Messages read per channel: past them a channel is "at least this many", {@code countsCapped}. */
    public static final int MAX_MESSAGES = 100;
    /** Channels counted per page; the rest of a longer page carry no counts. */
    public static final int MAX_CHANNELS = 100;

    private UnreadCounts() {}

    /** A channel's counts: messages of others, not deleted, after the mark; {@code capped} when more follow. */
    public record Counts(int unread, int mentions, boolean capped) {}

    /**
     * The page with its first {@link #MAX_CHANNELS} channels counted.
     *
     * @param history reads one history page (oldest first after the query's {@code after})
     */
    public static List<Views.MyChannel> count(
            String userId, List<Views.MyChannel> page, Function<HistoryQuery, HistoryPage> history) {
        List<Views.MyChannel> counted = new ArrayList<>(page.size());
        for (int i = 0; i < page.size(); i++) {
            Views.MyChannel channel = page.get(i);
            if (i < MAX_CHANNELS) {
                HistoryPage unread = history.apply(query(channel));
                Counts counts = of(userId, unread.messages(), unread.hasMore());
                channel = channel.withCounts(counts.unread(), counts.mentions(), counts.capped());
            }
            counted.add(channel);
        }
        return counted;
    }

    /** The history read of one channel: oldest first, from just after the mark, or from when the caller joined. */
    static HistoryQuery query(Views.MyChannel channel) {
        UUID from = channel.lastReadMessageId() != null
                ? UUID.fromString(channel.lastReadMessageId())
                : firstIdAt(channel.joinedAt() == null ? Instant.EPOCH : channel.joinedAt());
        return new HistoryQuery(channel.channelId(), Optional.empty(), Optional.of(from), MAX_MESSAGES);
    }

    /** Counts the messages after a mark: the caller's own and deleted ones are no unread messages. */
    static Counts of(String userId, List<HistoryMessage> after, boolean more) {
        int unread = 0;
        int mentions = 0;
        for (HistoryMessage message : after) {
            if (message.deleted() || userId.equals(message.authorId())) {
                continue;
            }
            unread++;
            if (Mentions.in(message.text()).contains(userId)) {
                mentions++;
            }
        }
        return new Counts(unread, mentions, more);
    }

    /**
     * The least version 7 id of a millisecond (its random bits all zero): as the exclusive bound of a read, it lets
     * in every message sent from that millisecond on.
     */
    static UUID firstIdAt(Instant at) {
        long millis = Math.max(0, at.toEpochMilli());
        return new UUID((millis << 16) | 0x7000L, 0x8000000000000000L);
    }
}
