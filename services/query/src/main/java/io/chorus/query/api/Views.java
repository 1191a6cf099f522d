package io.chorus.query.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** What the metadata endpoints answer. */
public final class Views {
    private Views() {}

    /** {@code role} is the caller's role in the channel, absent when not a member. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Channel(
            String id,
            String name,
            String kind,
            String topic,
            String createdBy,
            Instant createdAt,
            long memberCount,
            String role) {}

    public record Member(String userId, String role, Instant joinedAt) {}

    /**
     * One of the caller's channels. {@code lastReadMessageId} is absent before a first read mark; {@code unread},
     * {@code mentions} and {@code countsCapped} are absent past the first 100 channels of a page (decision 0251).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MyChannel(
            String channelId,
            String role,
            Instant joinedAt,
            String name,
            String kind,
            String lastReadMessageId,
            Integer unread,
            Integer mentions,
            Boolean countsCapped) {
        public MyChannel withCounts(int unreadCount, int mentionCount, boolean capped) {
            return new MyChannel(
                    channelId, role, joinedAt, name, kind, lastReadMessageId, unreadCount, mentionCount, capped);
        }
    }

    /** A page; {@code nextCursor} is absent on the last page. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Page<T>(List<T> items, String nextCursor) {}
}
